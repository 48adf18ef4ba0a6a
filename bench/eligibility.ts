import { randomInt } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { databaseFacts, defaultDatabaseUrl, ensureDatabase, waitForTalliesFolded } from './bench-database.ts';
import { type Child, freePort, killAllChildren, repoRoot, startChild } from './child-process.ts';
import { ownCpuMs, postgresCpuMs, processCpuMs } from './cpu-time.ts';
import { createEligibilityLoad, type Phase, type Rates } from './eligibility-load.ts';
import { mixOf, planPopulation, seedPopulation } from './eligibility-population.ts';
import { printEligibilityReport, type Round } from './eligibility-report.ts';
import { createBenchSite, origin } from './ingest-phases.ts';
import { formatCount } from './report.ts';
import { highestPassingRate } from './step-search.ts';
import { createVisitors, createWidgetMemory, dayMs, parseDuration, widgetCaps } from './widget-visitors.ts';

export const eligibilityUsage =
  'pnpm bench eligibility [--users 100000] [--rate 1000] [--rounds 3] [--seconds 4] [--warmup 1] [--step-seconds 2]\n' +
  '                       [--widget-cap 1d] [--sampling 10]' +
  `

The widget's hot path, POST /v1/eligibility, as a real site calls it. Starts the API (tsx
api/src/server.ts, rate limits lifted) and a bare Hono endpoint (parses the JSON, answers 204) as
child processes on 127.0.0.1, creates a site, and seeds --users users of its NPS survey straight
into Postgres in one INSERT per table: new (signed up lately, never seen), answered within 90 days,
dismissed lately, shown and ignored today, sampled out (the survey asks --sampling percent of
users), and eligible (a few percent); the mix is printed.
Visitors then browse: a session is a page load and 0 to 8 route changes, each calling run(). The
widget's memory is simulated from its code: a "no" with retryAfter is kept until then, at most
--widget-cap (30m as the widget is today, 1d as proposed); a survey shown is answered (35%),
dismissed (25%) or ignored, through POST /v1/responses and /v1/declines, so the states move on. A
simulated day is one session per user; the widget's memory starts as a day of visits left it.
Each of --rounds rounds measures the bare endpoint (with the bodies the visitors sent) and then
the API:
  1. at --rate per second (open loop, latency from when each call was due): p50/p99, and the
     CPU time per call of the server and of Postgres (every postgres process, from /proc);
  2. the highest rate with p99 ≤ 10 ms, no failures and none shed (doubling from 500/s, then
     bisecting), --step-seconds per step;
  3. the API at 3 × its highest rate (at least 1,500/s): p99 of what was answered, answers shed
     (eligible: false, reason: busy) and calls failed or timed out (10 s).
Every round's figures are printed; the round with the median ratio of highest rates is shown,
with the targets and verdicts. DATABASE_URL defaults to ${defaultDatabaseUrl} (created when missing).`;

function options(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      users: { type: 'string', default: '100000' },
      rate: { type: 'string', default: '1000' },
      rounds: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '4' },
      warmup: { type: 'string', default: '1' },
      'step-seconds': { type: 'string', default: '2' },
      'widget-cap': { type: 'string', default: '1d' },
      sampling: { type: 'string', default: '10' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const positive = (name: Exclude<keyof typeof values, 'help' | 'widget-cap'>) => {
    const value = Number(values[name]);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name}: must be a positive number`);
    return value;
  };
  const sampling = positive('sampling');
  if (sampling > 100) throw new Error('--sampling: must be a percent from 0 to 100');
  return {
    help: values.help === true,
    users: Math.round(positive('users')),
    rate: positive('rate'),
    rounds: Math.round(positive('rounds')),
    measureMs: positive('seconds') * 1000,
    warmupMs: positive('warmup') * 1000,
    stepMs: positive('step-seconds') * 1000,
    widgetCapMs: parseDuration(values['widget-cap']!),
    sampling,
  };
}

const search = { start: 500, ceiling: 32_000, bisections: 3 };
const p99TargetMs = 10;
const pagesPerSession = { min: 1, max: 9 };

export async function runEligibility(args: string[]): Promise<number> {
  const o = options(args);
  if (o.help) {
    console.log(eligibilityUsage);
    return 0;
  }
  const databaseUrl = process.env.DATABASE_URL || defaultDatabaseUrl;
  // Each round: two fixed-rate phases, two searches of at most 10 steps, and the overload, each
  // perhaps waiting out the request timeout (10 s) for its last calls.
  const phaseMs = o.warmupMs + o.measureMs + 10_000;
  const roundMs = 3 * phaseMs + 20 * (500 + o.stepMs + 10_000);
  const watchdog = setTimeout(
    () => {
      console.error('bench: gave up, the run took far longer than planned');
      killAllChildren();
      process.exit(1);
    },
    o.rounds * roundMs + 180_000,
  );
  watchdog.unref();

  const created = await ensureDatabase(databaseUrl);
  const [apiPort, baselinePort] = [await freePort(), await freePort()];
  const unlimited = { TENPOINT_RATE_LIMIT_PER_ADDRESS: '1000000', TENPOINT_RATE_LIMIT_PER_SITE: '1000000' };
  const [api, baseline] = await Promise.all([
    startChild({ name: 'API', script: 'api/src/server.ts', port: apiPort, env: { DATABASE_URL: databaseUrl, ...unlimited } }),
    startChild({ name: 'baseline', script: 'bench/baseline-server.ts', port: baselinePort, env: {} }),
  ]);
  const facts = await databaseFacts(databaseUrl);
  const site = await createBenchSite(repoRoot, databaseUrl);
  const now = new Date();
  const seedStarted = Date.now();
  const plan = planPopulation(o.users, site.surveyId, o.sampling, now);
  await seedPopulation(databaseUrl, site, plan, o.sampling);
  const seedMs = Date.now() - seedStarted;
  await waitForTalliesFolded(databaseUrl);

  const memory = createWidgetMemory(o.widgetCapMs);
  // As a day of visits left each browser: the last one at a random moment of the day before.
  for (const { user, retryAfter } of plan) {
    const ago = randomInt(dayMs);
    if (retryAfter) memory.rememberNo(user.userId, retryAfter + ago / 1000, now.getTime() - ago);
  }
  const visitors = createVisitors({
    siteKey: site.siteKey,
    users: plan.map((p) => p.user),
    memory,
    pagesPerSession,
    pageViewMs: dayMs / (o.users * ((pagesPerSession.min + pagesPerSession.max) / 2)),
    startAt: now.getTime(),
    shown: { respond: 0.35, decline: 0.25 },
    randomInt: (below) => randomInt(below),
  });
  const headers = { 'Content-Type': 'text/plain', Origin: origin };
  const load = createEligibilityLoad(
    { port: apiPort, path: '/v1/eligibility', headers },
    { port: baselinePort, path: '/v1/responses', headers },
    visitors,
  );

  const mix = mixOf(plan);
  const capLabel =
    o.widgetCapMs === widgetCaps.today ? ' (the widget today)' : o.widgetCapMs === widgetCaps.proposed ? ' (as proposed)' : '';
  const mixLine = Object.entries(mix)
    .map(([state, n]) => `${state} ${formatCount(n)} (${((100 * n) / o.users).toFixed(1)}%)`)
    .join(', ');
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    [
      'Tenpoint eligibility benchmark',
      `  ${availableParallelism()} cores shared by the load generator, the API (pid ${api.pid}), the bare endpoint and Postgres; ` +
        `Node ${process.version}`,
      `  Postgres ${facts.version} at ${databaseUrl}${created ? ' (created)' : ''}: ` +
        `fsync ${facts.fsync}, synchronous_commit ${facts.synchronousCommit}`,
      `  site ${site.siteId}: ${formatCount(o.users)} users seeded in ${seconds(seedMs)}; survey samples ${o.sampling}%`,
      `  mix: ${mixLine}`,
      `  widget keeps a "no" at most ${o.widgetCapMs / 60_000} min${capLabel}; ` +
        `sessions of ${pagesPerSession.min}–${pagesPerSession.max} page views, one a user a simulated day`,
      `  at ${formatCount(o.rate)}/s: ${seconds(o.warmupMs)} warm-up + ${seconds(o.measureMs)} measured; ` +
        `search steps ${seconds(o.stepMs)}\n`,
    ].join('\n'),
  );

  const cpuOf = (child: Child) => () => (child.pid === undefined ? null : processCpuMs(child.pid));
  const fixed: Rates = { rate: o.rate, warmupMs: o.warmupMs, measureMs: o.measureMs };
  const step = (rate: number): Rates => ({ rate, warmupMs: 500, measureMs: o.stepMs });
  const meetsTarget = (phase: Phase) =>
    phase.result.latency.p99 <= p99TargetMs && phase.result.failedInWindow === 0 && (phase.answers.get('busy') ?? 0) === 0;

  const searchHighestRate = async (run: (rates: Rates) => Promise<Phase>) => {
    const p99s = new Map<number, number>();
    const found = await highestPassingRate(async (rate) => {
      const phase = await run(step(rate));
      p99s.set(rate, phase.result.latency.p99);
      return meetsTarget(phase);
    }, search);
    return { ...found, p99s };
  };

  process.stdout.write('warm-up… ');
  await load.eligibility(fixed);
  const afterWarmup = visitors.counts();
  const rounds: Round[] = [];
  for (let round = 1; round <= o.rounds; round++) {
    process.stdout.write(`${o.rounds > 1 ? `round ${round}: ` : ''}bare… `);
    const bareAtRate = await load.bare(fixed, { server: cpuOf(baseline), 'load generator': ownCpuMs });
    const bareMax = await searchHighestRate(load.bare);
    process.stdout.write('eligibility… ');
    const atRate = await load.eligibility(fixed, { API: cpuOf(api), Postgres: postgresCpuMs, 'load generator': ownCpuMs });
    const max = await searchHighestRate(load.eligibility);
    process.stdout.write('3× overload… ');
    const overloadRate = 3 * Math.max(max.rate, search.start);
    const overload = await load.eligibility({ ...fixed, rate: overloadRate });
    rounds.push({ bareAtRate, bareMax, atRate, max, overloadRate, overload });
  }
  process.stdout.write('\n\n');
  await load.close();
  await baseline.kill('SIGTERM');

  printEligibilityReport({
    rate: o.rate,
    p99TargetMs,
    rounds,
    pageViews: { from: afterWarmup, to: visitors.counts() },
    widgetCapMs: o.widgetCapMs,
    followUps: load.followUpStatuses,
    apiComplaints: api.complaints,
  });
  return 0;
}
