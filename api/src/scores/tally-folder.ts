import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';

const chunk = 20_000;

/** Folds logged changes into the tallies until none are left; answers how many it folded. */
export async function foldTallies(db: Database): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = rowsOf(await db.execute(sql`select tenpoint_fold_tallies(${chunk}) as folded`));
    const folded = Number(row?.folded ?? 0);
    total += folded;
    if (folded < chunk) return total;
  }
}

/**
 * The log is emptied as fast as it fills: vacuumed often, its index stays small, and scores that
 * read the changes not yet folded do not wade through dead entries.
 */
export async function vacuumTallyLog(db: Database): Promise<void> {
  await db.execute(sql`vacuum (analyze) tally_changes`);
}

/**
 * Folds every `everyMs` while the API runs, and vacuums the log once a minute. Several API processes may each run one: the database
 * lets one fold at a time and the others skip that turn.
 */
export function startTallyFolder(db: Database, everyMs = 1000): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let warned = false;
  let turns = 0;
  // One chunk a turn: a backlog (after an outage, say) is worked off without taking the database over.
  const timer = setInterval(() => {
    const vacuumToo = ++turns % Math.max(1, Math.round(60_000 / everyMs)) === 0;
    running = db
      .execute(sql`select tenpoint_fold_tallies(${chunk})`)
      .then(() => (vacuumToo ? vacuumTallyLog(db) : undefined))
      .catch((error: unknown) => {
      // A database outage is answered elsewhere; say it once here, and keep trying.
      if (!warned) console.error(`[tenpoint] folding score tallies failed, will retry: ${(error as Error).message}`);
      warned = true;
    });
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
