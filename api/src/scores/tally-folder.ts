import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';

// A batch is copied into a temporary table that each step reads again: past what fits in the
// session's temp_buffers (8 MB by default) every read goes to disk, and a batch of 200,000 folds
// three times slower per change than ten of 20,000 (measured on 200,000 changes over two years).
const batchSize = 20_000;
const foldedRow = z.object({ folded: z.number().nullable() });

/** Makes a survey's trait segments again from its responses, after its `segmentTraits` changed. */
export async function rebuildTraitSegments(db: Pick<Database, 'execute'>, siteId: string, surveyId: string): Promise<void> {
  await db.execute(sql`select tenpoint_rebuild_trait_segments(${siteId}, ${surveyId})`);
}

async function foldBatch(db: Database, batch: number): Promise<number> {
  const [row] = await queryRows(db, sql`select tenpoint_fold_tallies(${batch}) as folded`, foldedRow);
  return Number(row?.folded ?? 0);
}

/**
 * Folds logged changes into the tallies until none are left (or, with `stopAfter`, once at least
 * that many are folded); answers how many it folded. Stops early when another folder holds the lock.
 */
export async function foldTallies(db: Database, o: { batch?: number; stopAfter?: number } = {}): Promise<number> {
  const batch = o.batch ?? batchSize;
  let total = 0;
  for (;;) {
    const folded = await foldBatch(db, batch);
    total += folded;
    if (folded < batch || total >= (o.stopAfter ?? Number.POSITIVE_INFINITY)) return total;
  }
}

/**
 * The log is emptied as fast as it fills: vacuumed often, its index stays small, and scores that
 * read the changes not yet folded do not wade through dead entries.
 */
export async function vacuumTallyLog(db: Database): Promise<void> {
  await db.execute(sql`vacuum (analyze) tally_changes`);
}

// The log's dead rows are what folding scans past, so it is vacuumed by volume as well as by
// time: a busy minute leaves no more than this many behind.
const vacuumAfterChanges = 20_000;

/**
 * One turn of folding, for a worker that takes one every `everyMs`: it folds batch after batch
 * while they come back full, for at most `budgetMs` (half the interval when left out), so that a
 * backlog (after an outage, a bulk import) is worked off many times faster than answers arrive,
 * yet never takes the database over. It vacuums the log once a minute or after every 20,000
 * changes folded. Several API processes may each run one: the database lets one fold at a time
 * and the others skip that turn.
 */
export function foldingTurn(db: Database, everyMs: number, o: { batch?: number; budgetMs?: number } = {}): () => Promise<void> {
  const batch = o.batch ?? batchSize;
  const budgetMs = o.budgetMs ?? everyMs / 2;
  let turns = 0;
  let foldedSinceVacuum = 0;
  const turnsPerMinute = Math.max(1, Math.round(60_000 / everyMs));
  return async () => {
    const started = performance.now();
    for (;;) {
      const folded = await foldBatch(db, batch);
      foldedSinceVacuum += folded;
      if (foldedSinceVacuum >= vacuumAfterChanges) {
        foldedSinceVacuum = 0;
        await vacuumTallyLog(db);
      }
      if (folded < batch || performance.now() - started >= budgetMs) break;
    }
    if (++turns % turnsPerMinute === 0) {
      foldedSinceVacuum = 0;
      await vacuumTallyLog(db);
    }
  };
}
