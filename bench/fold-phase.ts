// The fold phase of `pnpm bench ingest`: how fast the score engine folds the changes the responses
// log, set beside the durable responses per second of the same run.
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { formatCount } from './report.ts';

/** The worker folds batches of this many changes (api/src/scores/tally-folder.ts). */
export const workerBatch = 20_000;

export interface FoldPhase {
  responses: number;
  /** Rows the responses wrote to tally_changes, per response. */
  changesPerResponse: number;
  folded: number;
  foldMs: number;
  /** The site's tallies count exactly its responses, once each. */
  talliesMatch: boolean;
  talliedResponses: number;
  storedResponses: number;
}

/**
 * Stores `responses` responses in the bench site in one statement, shaped as the load's (now, its
 * users, traits and accounts), through the same triggers as the API's writes; then, with no other
 * folder running (the API was killed by the crash check), folds the log in the worker's batches and
 * times it. The changes the crash check left unfolded are folded too, and counted.
 */
export async function foldPhase(databaseUrl: string, siteId: string, responses: number, batch = workerBatch): Promise<FoldPhase> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    const pending = async () => Number((await sql<{ n: string }[]>`select count(*) as n from tally_changes`)[0]!.n);
    const before = await pending();
    await sql`
      insert into responses (site_id, id, survey_id, user_id, account_id, score, band, locale, url, user_traits, account_traits,
        created_at, updated_at)
      select ${siteId}::uuid, gen_random_uuid(), s.id, 'bench_u_' || u, case when u % 3 = 0 then 'bench_a_' || (u % 500) end,
        g % 11, case when g % 11 <= 6 then 'low' when g % 11 <= 8 then 'middle' else 'high' end, 'en',
        'http://bench.local/app/invoices',
        jsonb_build_object('plan', case when u % 4 = 0 then 'pro' else 'free' end, 'seats', u % 20 + 1), '{}'::jsonb,
        now() - make_interval(secs => g % 600), now()
      from generate_series(1, ${responses}::int) as g, lateral (select abs(hashint4(g)) % 10000 as u) as user_pick,
        (select id from surveys where site_id = ${siteId} and is_default) as s`;
    const logged = (await pending()) - before;
    // What autovacuum would have done by now; folding a log of unknown size plans badly.
    await sql`vacuum (analyze) tally_changes`;
    let folded = 0;
    const started = performance.now();
    for (;;) {
      const [row] = await sql<{ folded: number }[]>`select tenpoint_fold_tallies(${batch}) as folded`;
      folded += row!.folded;
      if (row!.folded < batch) break;
    }
    const foldMs = performance.now() - started;
    const [counts] = await sql<{ tallied: string; stored: string }[]>`
      select (select coalesce(sum(low + middle + high), 0) from hourly_tallies where site_id = ${siteId}) as tallied,
        (select count(*) from responses where site_id = ${siteId} and not test) as stored`;
    const [talliedResponses, storedResponses] = [Number(counts!.tallied), Number(counts!.stored)];
    return {
      responses,
      changesPerResponse: logged / responses,
      folded,
      foldMs,
      talliesMatch: talliedResponses === storedResponses,
      talliedResponses,
      storedResponses,
    };
  } finally {
    await sql.end();
  }
}

/** The fold rate against the durable responses per second, and the verdict against 5×. */
export function foldReport(fold: FoldPhase, durablePerSecond: number, batch = workerBatch): string {
  const changesPerSecond = fold.folded / (fold.foldMs / 1000);
  const responsesPerSecond = changesPerSecond / fold.changesPerResponse;
  const ratio = responsesPerSecond / durablePerSecond;
  // The worker folds for half of each second while batches come back full.
  const workerCap = responsesPerSecond / 2;
  const logged =
    `${formatCount(fold.responses)} responses stored in one statement logged ${fold.changesPerResponse.toFixed(2)} changes each ` +
    '(a change: one row of tally_changes, a response with all its segments)';
  const folded =
    `folded ${formatCount(fold.folded)} changes in batches of ${formatCount(batch)} in ${(fold.foldMs / 1000).toFixed(2)} s: ` +
    `${formatCount(changesPerSecond)} changes/s = ${formatCount(responsesPerSecond)} responses' worth/s`;
  const against =
    `against ${formatCount(durablePerSecond)} durable responses/s above: ${ratio.toFixed(1)} × (target ≥ 5): ` +
    (ratio >= 5 ? 'meets target' : 'BELOW TARGET');
  const worker =
    `the API's worker folds for half of each second while there is a backlog: about ${formatCount(workerCap)} responses' worth/s, ` +
    `${(workerCap / durablePerSecond).toFixed(1)} ×`;
  const counted =
    `the site's hourly tallies count ${formatCount(fold.talliedResponses)} responses, its rows ${formatCount(fold.storedResponses)}: ` +
    (fold.talliesMatch ? 'equal' : 'NOT EQUAL');
  return `
Folding score tallies (after the crash check, the API stopped: no other folder, no load)
${[logged, folded, against, worker, counted].map((line) => `  ${line}`).join('\n')}`;
}
