import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import {
  createSite,
  type Database,
  foldTallies,
  openDatabase,
  readScoreQuery,
  rollupTallies,
  type ScoreQuery,
  scanTallies,
  scoreReport,
} from '@tenpoint/api';
import { scoresQuerySchema, surveySettingsSchema } from '@tenpoint/shared';
import { sql } from 'drizzle-orm';
import { ensureDatabase } from './bench-database.ts';
import { summarize } from './stats.ts';

export const scoresUsage = `pnpm bench scores [--responses 10000000] [--accounts 500] [--days 730] [--runs 40] [--scan-runs 3] [--reseed]

Seeds --responses responses over --accounts accounts and --days days into the local Postgres
(DATABASE_URL, default postgres://postgres@127.0.0.1:5432/tenpoint_bench_scores, created when
missing) with a bulk load, and reports how long loading and folding the tallies took; a later run
reuses that data unless --reseed. Then times three scores queries both ways, from the tallies and
by scanning the responses, and checks that both answer the same:
  1. the headline with a daily series over the whole range;
  2. the last 90 days grouped by account;
  3. the headline for a trait filter (plan = pro) over the whole range.`;

const defaultUrl = 'postgres://postgres@127.0.0.1:5432/tenpoint_bench_scores';
const siteName = 'Bench scores';
const chunk = 500_000;

function options(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      responses: { type: 'string', default: '10000000' },
      accounts: { type: 'string', default: '500' },
      days: { type: 'string', default: '730' },
      runs: { type: 'string', default: '40' },
      'scan-runs': { type: 'string', default: '3' },
      reseed: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const positive = (name: 'responses' | 'accounts' | 'days' | 'runs' | 'scan-runs') => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name}: must be a positive whole number`);
    return value;
  };
  return {
    help: values.help === true,
    responses: positive('responses'),
    accounts: positive('accounts'),
    days: positive('days'),
    runs: positive('runs'),
    scanRuns: positive('scan-runs'),
    reseed: values.reseed === true,
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Loads the responses straight from generate_series, in chunks, through the same triggers as every write. */
async function seed(db: Database, siteId: string, surveyId: string, o: ReturnType<typeof options>, end: Date) {
  const spanSeconds = o.days * 86_400;
  const startedAt = performance.now();
  for (let from = 1; from <= o.responses; from += chunk) {
    const to = Math.min(o.responses, from + chunk - 1);
    await db.execute(sql`
      insert into responses (
        site_id, id, survey_id, user_id, account_id, score, band, comment, locale, user_traits, account_traits, created_at, updated_at
      )
      select ${siteId}::uuid, gen_random_uuid(), ${surveyId}::uuid, 'u_' || (g % 400000), 'acct_' || (abs(hashint4(g * 7)) % ${o.accounts}),
        s.score, case when s.score <= 6 then 'low' when s.score <= 8 then 'middle' else 'high' end,
        case when g % 5 = 0 then 'comment ' || g end,
        (array['en', 'nl', 'de', 'fr', 'es'])[1 + abs(hashint4(g * 11)) % 5],
        jsonb_build_object('plan', (array['free', 'pro', 'team'])[1 + abs(hashint4(g * 13)) % 3], 'seats', 1 + abs(hashint4(g * 17)) % 50),
        jsonb_build_object('tier', (array['smb', 'mid', 'enterprise'])[1 + abs(hashint4(g * 19)) % 3]),
        t.at, t.at
      from generate_series(${from}::int, ${to}::int) as g,
        lateral (select abs(hashint4(g)) % 11 as score) as s,
        lateral (select ${end.toISOString()}::timestamptz - make_interval(secs => (abs(hashint4(g * 3)) % ${spanSeconds})) as at) as t`);
    process.stdout.write(
      `\r  loaded ${to.toLocaleString('en-US')} of ${o.responses.toLocaleString('en-US')} (${seconds(performance.now() - startedAt)})`,
    );
  }
  const loadedMs = performance.now() - startedAt;
  process.stdout.write('\n');
  const foldStarted = performance.now();
  const folded = await foldTallies(db);
  const foldedMs = performance.now() - foldStarted;
  // What autovacuum and the API's folder would do soon after such a load.
  await db.execute(sql`vacuum (analyze) responses, tally_changes, hourly_tallies, daily_tallies, weekly_tallies`);
  return { loadedMs, foldedMs, folded };
}

async function time(runs: number, work: () => Promise<unknown>) {
  const samples: number[] = [];
  let last: unknown;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = await work();
    samples.push(performance.now() - started);
  }
  return { latency: summarize(samples), last };
}

export async function runScores(args: string[]): Promise<number> {
  const o = options(args);
  if (o.help) {
    console.log(scoresUsage);
    return 0;
  }
  const databaseUrl = process.env.DATABASE_URL || defaultUrl;
  await ensureDatabase(databaseUrl);
  // Loading and vacuuming millions of rows takes far longer than the API lets a statement run.
  const database = await openDatabase({ databaseUrl, dataDir: null, statementTimeoutMs: 60 * 60_000 });
  try {
    await database.migrate();
    const db = database.db;
    const existing = await db.execute(sql`select s.id as site_id, v.id as survey_id,
        (select count(*) from responses r where r.site_id = s.id)::bigint as responses
      from sites s join surveys v on v.site_id = s.id and v.is_default where s.name = ${siteName} limit 1`);
    const found = (Array.isArray(existing) ? existing : (existing as { rows: unknown[] }).rows)[0] as
      | { site_id: string; survey_id: string; responses: string }
      | undefined;
    let siteId: string;
    let surveyId: string;
    const end = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()));
    console.log(`Tenpoint scores benchmark\n  Postgres at ${databaseUrl}`);
    if (found && !o.reseed && Number(found.responses) === o.responses) {
      ({ site_id: siteId, survey_id: surveyId } = found);
      console.log(`  reusing ${Number(found.responses).toLocaleString('en-US')} responses already loaded (--reseed to load again)`);
    } else {
      if (found) await db.execute(sql`delete from sites where id = ${found.site_id}`);
      const site = await createSite(db, { name: siteName, origins: ['http://bench.local'] });
      ({ siteId, surveyId } = site);
      console.log(`  loading ${o.responses.toLocaleString('en-US')} responses over ${o.accounts} accounts and ${o.days} days…`);
      const loaded = await seed(db, siteId, surveyId, o, end);
      console.log(
        `  bulk load ${seconds(loaded.loadedMs)} (${Math.round(o.responses / (loaded.loadedMs / 1000)).toLocaleString('en-US')} rows/s), ` +
          `then folding ${loaded.folded.toLocaleString('en-US')} logged changes into the tallies ${seconds(loaded.foldedMs)} ` +
          `(${Math.round(loaded.folded / (loaded.foldedMs / 1000)).toLocaleString('en-US')} changes/s; ` +
          'a change is a response with all its segments)',
      );
    }
    const surveyRow = {
      id: surveyId,
      siteId,
      type: 'nps',
      name: 'NPS',
      productName: siteName,
      isDefault: true,
      enabled: true,
      settings: surveySettingsSchema.parse({}),
      createdAt: new Date(),
    } as const;
    const day = (offset: number) => new Date(end.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const query = (raw: Record<string, string>): ScoreQuery =>
      readScoreQuery(siteId, surveyRow, scoresQuerySchema.parse(raw), Object.entries(raw), new Date());
    const queries: Array<[string, ScoreQuery]> = [
      [`headline + daily series, ${o.days} days`, query({ from: day(-o.days), to: day(-1), interval: 'day' })],
      ['last 90 days by account', query({ from: day(-90), to: day(-1), groupBy: 'account' })],
      [`trait filter plan=pro, ${o.days} days`, query({ from: day(-o.days), to: day(-1), 'trait.plan': 'pro' })],
    ];

    console.log(`\n  ${o.runs} runs from the tallies, ${o.scanRuns} by scanning the responses, each after one warm-up run\n`);
    const rows: string[][] = [['query', 'tallies p50', 'p95', 'scan p50', 'p95', 'faster (p50)', 'same answer']];
    let allAgree = true;
    for (const [name, scoreQuery] of queries) {
      const viaTallies = async () => scoreReport(scoreQuery, await rollupTallies(db, scoreQuery));
      const viaScan = async () => scoreReport(scoreQuery, await scanTallies(db, scoreQuery));
      await viaTallies();
      const tallied = await time(o.runs, viaTallies);
      await viaScan();
      const scanned = await time(o.scanRuns, viaScan);
      const agree = isDeepStrictEqual(tallied.last, scanned.last);
      allAgree &&= agree;
      const ms = (value: number) => `${value.toFixed(1)} ms`;
      rows.push([
        name,
        ms(tallied.latency.p50),
        ms(tallied.latency.p95),
        ms(scanned.latency.p50),
        ms(scanned.latency.p95),
        `${(scanned.latency.p50 / tallied.latency.p50).toFixed(0)}×`,
        agree ? 'yes' : 'NO',
      ]);
    }
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
    console.log(
      rows.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n'),
    );
    console.log('\nTargets: p95 ≤ 20 ms for the headline and series, and at least 50× faster than scanning.');
    return allAgree ? 0 : 1;
  } finally {
    await database.close();
  }
}
