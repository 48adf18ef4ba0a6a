import { availableParallelism } from 'node:os';
import {
  countResponses,
  databaseFacts,
  defaultDatabaseUrl,
  dropMinimalWrites,
  ensureDatabase,
  waitForTalliesFolded,
} from './bench-database.ts';
import { type Child, freePort, killAllChildren, repoRoot, startChild } from './child-process.ts';
import { ownCpuMs, postgresCpuMs, processCpuMs } from './cpu-time.ts';
import { foldPhase, foldReport } from './fold-phase.ts';
import {
  closedLoopPhase,
  cpuLine,
  crashCheck,
  crashLoadMs,
  createBenchSite,
  openLoopPhase,
  options,
  origin,
  sleep,
} from './ingest-phases.ts';
import type { Target } from './load.ts';
import { eligibilityBody, responseBody, userPool } from './payloads.ts';
import { complaintsReport, failures, formatCount, statuses, table } from './report.ts';

export const ingestUsage =
  'pnpm bench ingest [--clients 64] [--seconds 10] [--warmup 2] [--rounds 3] [--rate 1000] [--users 10000] [--fold 100000] [--api DIR]' +
  `

Starts the API (tsx api/src/server.ts), a bare Hono endpoint and a minimal durable write as child
processes on 127.0.0.1, then measures, each after a warm-up:
  1. the bare endpoint (parses the JSON, answers 204) under --clients closed-loop clients;
  2. a minimal durable write under the same load: each body stored whole by its id in a table
     with a primary key only, grouped commits, answered once committed; what any durable answer
     costs on this machine, whatever the API does;
  3. POST /v1/responses under the same load: durable answers per second, p50/p99;
     1 to 3 alternate --rounds times, and the round with the median ratio is the one shown, so
     that a shared machine's drift during the run moves both sides of a ratio alike;
  4. the bare endpoint, then POST /v1/eligibility, at a fixed --rate per second (open loop, timed
     from when each was due): the first shows what the load generator itself adds;
  5. durability: 201s acknowledged against rows in the database, after a graceful stop and again
     after killing the API with SIGKILL in the middle of the load;
  6. folding: --fold responses stored in one statement (as the load's, through the same triggers),
     then the log folded in the worker's batches with nothing else running: changes and responses'
     worth folded per second against phase 3's durable responses per second (target ≥ 5 ×).
For phases 1 to 3 it also prints the CPU time each process used per answered request (from
/proc on Linux; Postgres counts every server process on the machine), which on a small machine
shared by all of them is what the throughput comes down to.
DATABASE_URL defaults to ${defaultDatabaseUrl} (created when missing).
--api DIR measures the API of another checkout (e.g. an older commit, with its node_modules);
give it a database of its own, since its migrations may be older.`;

export async function runIngest(args: string[]): Promise<number> {
  const o = options(args);
  if (o.help) {
    console.log(ingestUsage);
    return 0;
  }
  const databaseUrl = process.env.DATABASE_URL || defaultDatabaseUrl;
  const watchdog = setTimeout(
    () => {
      console.error('bench: gave up, the run took far longer than planned');
      killAllChildren();
      process.exit(1);
    },
    (3 * o.rounds + 2) * (o.warmupMs + o.measureMs) + crashLoadMs + 90_000 + o.fold,
  );
  watchdog.unref();

  const created = await ensureDatabase(databaseUrl);
  const [apiPort, baselinePort, minimalPort] = [await freePort(), await freePort(), await freePort()];
  const unlimited = { TENPOINT_RATE_LIMIT_PER_ADDRESS: '1000000', TENPOINT_RATE_LIMIT_PER_SITE: '1000000' };
  const [api, baseline, minimal] = await Promise.all([
    startChild({
      name: 'API',
      script: 'api/src/server.ts',
      cwd: o.apiRoot,
      port: apiPort,
      env: { DATABASE_URL: databaseUrl, ...unlimited },
    }),
    startChild({ name: 'baseline', script: 'bench/baseline-server.ts', port: baselinePort, env: {} }),
    startChild({
      name: 'minimal durable write',
      script: 'bench/minimal-durable-server.ts',
      port: minimalPort,
      env: { DATABASE_URL: databaseUrl },
    }),
  ]);
  const facts = await databaseFacts(databaseUrl);
  const site = await createBenchSite(o.apiRoot, databaseUrl);
  const users = userPool(o.users);
  const headers = { 'Content-Type': 'text/plain', Origin: origin };
  const responses = () => responseBody(site.siteKey, users);
  const seconds = (value: number) => `${value / 1000} s`;

  const machine =
    `${availableParallelism()} cores shared by the load generator, the API (pid ${api.pid}), the two yardsticks and Postgres; ` +
    `Node ${process.version}`;
  const postgresFacts =
    `Postgres ${facts.version} at ${databaseUrl}${created ? ' (created)' : ''}: ` +
    `fsync ${facts.fsync}, synchronous_commit ${facts.synchronousCommit}`;
  console.log(`Tenpoint ingest benchmark
  ${o.clients} closed-loop clients, ${seconds(o.measureMs)} measured after ${seconds(o.warmupMs)} of warm-up; eligibility at ${o.rate}/s
  API from ${o.apiRoot}${o.apiRoot === repoRoot ? '' : ' (--api)'}
  ${machine}
  ${postgresFacts}
  site ${site.siteId}, ${formatCount(o.users)} users\n`);

  const cpuOf = (child: Child) => () => (child.pid === undefined ? null : processCpuMs(child.pid));
  const target: Target = { port: apiPort, path: '/v1/responses', headers };
  const rounds = [];
  let foldLagMs = 0;
  for (let round = 1; round <= o.rounds; round++) {
    process.stdout.write(`${o.rounds > 1 ? `round ${round}: ` : ''}baseline… `);
    const base = await closedLoopPhase(
      { port: baselinePort, path: '/v1/responses', headers },
      o.clients,
      o.warmupMs,
      o.measureMs,
      responses,
      {
        server: cpuOf(baseline),
        'load generator': ownCpuMs,
      },
    );
    process.stdout.write('minimal durable… ');
    const least = await closedLoopPhase(
      { port: minimalPort, path: '/v1/responses', headers },
      o.clients,
      o.warmupMs,
      o.measureMs,
      responses,
      {
        server: cpuOf(minimal),
        Postgres: postgresCpuMs,
        'load generator': ownCpuMs,
      },
    );
    process.stdout.write('responses… ');
    const ingest = await closedLoopPhase(target, o.clients, o.warmupMs, o.measureMs, responses, {
      API: cpuOf(api),
      Postgres: postgresCpuMs,
      'load generator': ownCpuMs,
    });
    // The next phase starts only once the folder has caught up, or it would share the machine with it.
    foldLagMs = Math.max(foldLagMs, await waitForTalliesFolded(databaseUrl));
    rounds.push({ base, least, ingest, ratio: ingest.result.perSecond / base.result.perSecond });
  }
  const rowsAfterLoad = await countResponses(databaseUrl, site.siteId);
  const { base, least, ingest, ratio } = [...rounds].sort((a, b) => a.ratio - b.ratio)[Math.floor((rounds.length - 1) / 2)]!;
  // The same open loop on the bare endpoint first: what the load generator and the machine add to
  // every request's latency, whatever the API does.
  process.stdout.write('eligibility… ');
  const eligibilityBodies = () => eligibilityBody(site.siteKey, users);
  const floor = await openLoopPhase({ port: baselinePort, path: '/v1/responses', headers }, o, eligibilityBodies);
  const eligibility = await openLoopPhase({ port: apiPort, path: '/v1/eligibility', headers }, o, eligibilityBodies);
  process.stdout.write('crash check… ');
  const crash = await crashCheck(api, target, o.clients, responses);
  await Promise.all([baseline.kill('SIGTERM'), minimal.kill('SIGTERM')]);
  await dropMinimalWrites(databaseUrl);
  await sleep(200);
  const rowsAfterCrash = await countResponses(databaseUrl, site.siteId);
  process.stdout.write('folding…\n\n');
  const fold = await foldPhase(databaseUrl, site.siteId, o.fold);

  const [b, m, r, f, e] = [base.result, least.result, ingest.result, floor.result, eligibility.result];
  const mark = (ok: boolean) => (ok ? 'meets target' : 'BELOW TARGET');
  console.log(
    table([
      { phase: 'baseline: bare Hono, JSON, 204', result: b, verdict: '' },
      {
        phase: 'minimal durable write (reference)',
        result: m,
        verdict: `${(m.perSecond / b.perSecond).toFixed(2)} × baseline: a durable write that does nothing else`,
      },
      {
        phase: 'POST /v1/responses, durable',
        result: r,
        verdict:
          `${ratio.toFixed(2)} × baseline (target ≥ 0.5): ${mark(ratio >= 0.5)}; ` +
          `${(r.perSecond / m.perSecond).toFixed(2)} × the minimal durable write`,
      },
      { phase: `baseline at ${o.rate}/s, eligibility bodies`, result: f, verdict: '' },
      {
        phase: `POST /v1/eligibility at ${o.rate}/s`,
        result: e,
        verdict: `p99 target ≤ 10 ms: ${mark(e.latency.p99 <= 10)}`,
      },
    ]),
  );
  const shown = rounds.findIndex((round) => round.ingest === ingest) + 1;
  const roundLabel = (n: number) => (rounds.length > 1 ? ` (round ${n})` : '');
  const ofShownRound = roundLabel(shown);
  if (rounds.length > 1) {
    const each = rounds.map(
      (round, i) =>
        `${i + 1}: ${formatCount(round.base.result.perSecond)} → ${formatCount(round.least.result.perSecond)} → ` +
        `${formatCount(round.ingest.result.perSecond)} = ${round.ratio.toFixed(2)}`,
    );
    console.log(
      `\nBaseline → minimal durable → responses per second by round, and responses ÷ baseline: ${each.join('; ')}. ` +
        `Above and below: round ${shown}, the median.`,
    );
  }

  const acked = rounds.reduce((sum, round) => sum + round.ingest.tally.count(201), 0);
  const gracefulOk = rowsAfterLoad === acked && rounds.every((round) => round.ingest.tally.count(200) === 0);
  const crashAcked = crash.tally.count(201);
  const extra = rowsAfterCrash - rowsAfterLoad - crashAcked;
  const crashOk = extra >= 0 && extra <= crash.inFlight;
  const graceful =
    `after a graceful stop: ${formatCount(acked)} acknowledged with 201, ${formatCount(rowsAfterLoad)} rows: ` +
    (gracefulOk ? 'equal' : 'NOT EQUAL');
  const crashVerdict = crashOk
    ? 'every acknowledged response was stored'
    : extra < 0
      ? `${-extra} ACKNOWLEDGED RESPONSES LOST`
      : 'more rows than requests sent';
  const killed =
    `API killed (SIGKILL) under load: ${formatCount(crashAcked)} more acknowledged, ` +
    `${formatCount(rowsAfterCrash - rowsAfterLoad)} more rows, ${crash.inFlight} in flight at the kill: ${crashVerdict}`;
  const foldLag = `${(foldLagMs / 1000).toFixed(1)} s`;
  console.log(`
Durability (each request a fresh id, so every 201 must be its own row; all rounds)
  ${graceful}
  ${killed}

CPU per answered request while measured${ofShownRound} (µs; ${availableParallelism()} cores in all)
  baseline:        ${cpuLine(base.cpu)}
  minimal durable: ${cpuLine(least.cpu)}
  responses:       ${cpuLine(ingest.cpu)}

Answers by status over the whole run (warm-up included)
  baseline${ofShownRound}: ${statuses(b)}
  minimal durable${ofShownRound}: ${statuses(m)}
  responses${ofShownRound}: ${statuses(r)}
  baseline at ${o.rate}/s: ${statuses(f)} (largest lag of the sender behind schedule: ${floor.maxSendLagMs.toFixed(1)} ms)
  eligibility at ${o.rate}/s: ${statuses(e)} (largest lag of the sender behind schedule: ${eligibility.maxSendLagMs.toFixed(1)} ms)

Score tallies: each responses phase's changes were all folded at most ${foldLag} after it ended (the next phase starts then)
${foldReport(fold, r.perSecond)}`);

  // Failures of every round, not only the one shown.
  const problems = [
    ...rounds.flatMap((round, i) => [
      ...failures(`baseline${roundLabel(i + 1)}`, round.base.result),
      ...failures(`minimal durable${roundLabel(i + 1)}`, round.least.result),
      ...failures(`responses${roundLabel(i + 1)}`, round.ingest.result),
    ]),
    ...failures(`baseline at ${o.rate}/s`, f),
    ...failures('eligibility', e),
  ];
  if (problems.length) console.log(`\n${problems.join('\n')}`);
  if (api.complaints.length) console.log(complaintsReport('API', api.complaints, 15));
  return gracefulOk && crashOk && fold.talliesMatch ? 0 : 1;
}
