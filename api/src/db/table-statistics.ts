import { getTableName, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from './client.ts';
import { queryRows } from './query-rows.ts';
import { accounts, declines, impressions, responses, users, webhookDeliveries } from './schema/index.ts';

// The tables every widget call writes: the ones whose statistics go stale within minutes.
const busyTables = [responses, impressions, declines, users, accounts, webhookDeliveries].map((table) => getTableName(table));

/**
 * Analyzes the busy tables whose number of rows has moved by half (and 50 rows) since their
 * statistics were gathered; answers their names. The embedded database never runs autovacuum and
 * a Postgres server may run without it. Without statistics the planner misjudges growing tables,
 * and Postgres keeps reusing the plans it made for them while they were small; new statistics make
 * it plan those statements again. Growth is what changes those plans: the updates every call makes
 * (last seen, a changed score) do not, so they are not counted, unlike autovacuum's threshold.
 */
export async function analyzeChangedTables(db: Database): Promise<string[]> {
  const names = sql.join(
    busyTables.map((name) => sql`${name}`),
    sql`, `,
  );
  const staleRows = await queryRows(
    db,
    sql`
      select s.relname::text as relname from pg_stat_user_tables s join pg_class c on c.oid = s.relid
      where s.schemaname = current_schema() and s.relname in (${names})
        and abs(s.n_live_tup - greatest(c.reltuples, 0)) > 50 + 0.5 * greatest(c.reltuples, 0)`,
    z.object({ relname: z.string() }),
  );
  const stale = staleRows.map((row) => row.relname);
  // skip_locked: another API process analyzing the same table already does the job.
  for (const table of stale) await db.execute(sql`analyze (skip_locked) ${sql.identifier(table)}`);
  return stale;
}
