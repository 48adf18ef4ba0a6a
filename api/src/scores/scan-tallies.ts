import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { queryRows, toDate } from '../db/query-rows.ts';
import { declines, impressions, responses } from '../db/schema/index.ts';
import { type SqlText, sqlNames } from '../db/sql-names.ts';
import type { ScoreQuery } from './score-query.ts';
import { segmentValue, traitSegment } from './segments.ts';
import { addRows, emptyTallies, seriesAt, type Tallies, type TallyRow } from './tallies.ts';

export interface Window {
  start?: Date | undefined;
  end?: Date | undefined;
}

export const bucketOf = (query: ScoreQuery, time: SQL): SQL =>
  sql`to_char(date_trunc(${query.interval ?? 'day'}, ${time} at time zone ${query.tz}), 'YYYY-MM-DD')`;

const r = sqlNames(responses);
const eventTables = { declines: sqlNames(declines), impressions: sqlNames(impressions) };

/** The columns of a table of answers or events that a condition names; traits only where it keeps them. */
interface Rows {
  siteId: SqlText;
  surveyId: SqlText;
  test: SqlText;
  userTraits?: SqlText;
  accountTraits?: SqlText;
}

function conditions(query: ScoreQuery, window: Window, table: Rows, time: SqlText): SQL {
  const parts = [sql`${table.siteId} = ${query.siteId}`, sql`${table.surveyId} = ${query.survey.id}`];
  if (!query.includeTest) parts.push(sql`not ${table.test}`);
  if (window.start) parts.push(sql`${time} >= ${window.start.toISOString()}`);
  if (window.end) parts.push(sql`${time} < ${window.end.toISOString()}`);
  const { userTraits, accountTraits } = table;
  if (userTraits && accountTraits) {
    for (const [name, value] of Object.entries(query.traits))
      parts.push(sql`${traitSegment(name, { userTraits, accountTraits })} = ${value}`);
  }
  return sql.join(parts, sql` and `);
}

/** Answers a query by reading every response in the window: exact, and what the tallies are checked against. */
export async function scanTallies(
  db: Database,
  query: ScoreQuery,
  window: Window = query,
  parts: { responses: boolean; events: boolean } = { responses: true, events: true },
): Promise<Tallies> {
  const filtered = Object.keys(query.traits).length > 0;
  const tallies = emptyTallies(filtered);
  if (parts.responses) await scanResponses(db, query, window, tallies);
  if (parts.events) await scanEvents(db, query, window, tallies, filtered);
  if (!query.interval) tallies.series.clear();
  if (!query.groupBy) tallies.segments.clear();
  return tallies;
}

async function scanResponses(db: Database, query: ScoreQuery, window: Window, tallies: Tallies) {
  const bucket = query.interval ? bucketOf(query, sql`${r.createdAt}`) : sql`null::text`;
  const segment = query.groupBy ? segmentValue(query.groupBy) : sql`null::text`;
  // Bucket and segment are computed once, in the inner select, so that the grouping sets name plain columns.
  const responseRows = await queryRows(
    db,
    sql`
      select bucket, grp,
        count(*) filter (where band = 'low')::int as low, count(*) filter (where band = 'middle')::int as middle,
        count(*) filter (where band = 'high')::int as high, coalesce(sum(score), 0)::float8 as sum,
        coalesce(sum(score * score), 0)::float8 as sum_of_squares, max(created_at) as last_at,
        case when grouping(bucket) = 0 then 'series' when grouping(grp) = 0 then 'segments' else 'total' end as kind
      from (
        select ${bucket} as bucket, ${segment} as grp, ${r.band} as band, ${r.score} as score, ${r.createdAt} as created_at
        from ${r.$table} where ${conditions(query, window, r, r.createdAt)}
      ) as scored
      group by grouping sets ((bucket), (grp), ())`,
    tallyRow,
  );
  addRows(tallies, responseRows);
}

const eventCountRow = z.object({ bucket: z.string().nullable(), n: z.number(), rounds: z.number(), is_total: z.number() });

async function scanEvents(db: Database, query: ScoreQuery, window: Window, tallies: Tallies, filtered: boolean) {
  // Declines keep the traits of the moment too; impressions do not, so they go uncounted under a filter.
  const counts = async (kind: keyof typeof eventTables) => {
    const table = eventTables[kind];
    const time = 'shownAt' in table ? table.shownAt : table.createdAt;
    const bucketOfRow = query.interval ? bucketOf(query, sql`${time}`) : sql`null::text`;
    const startsRound = 'startsRound' in table ? sql`${table.startsRound}` : sql`false`;
    return queryRows(
      db,
      sql`
        select bucket, count(*)::int as n, count(*) filter (where starts_round)::int as rounds, grouping(bucket) as is_total
        from (select ${bucketOfRow} as bucket, ${startsRound} as starts_round from ${table.$table}
          where ${conditions(query, window, table, time)}) as events
        group by grouping sets ((bucket), ())`,
      eventCountRow,
    );
  };
  for (const row of await counts('declines')) {
    if (Number(row.is_total) === 1) tallies.declines = Number(row.n);
    else seriesAt(tallies, String(row.bucket)).declines = Number(row.n);
  }
  if (!filtered) {
    for (const row of await counts('impressions')) {
      const shown = { impressions: Number(row.n), usersShown: Number(row.rounds) };
      Object.assign(Number(row.is_total) === 1 ? tallies : seriesAt(tallies, String(row.bucket)), shown);
    }
  }
}

export function tallyRow(row: Record<string, unknown>): TallyRow {
  return {
    bucket: (row.bucket as string | null) ?? null,
    grp: row.grp === null || row.grp === undefined ? null : String(row.grp),
    low: Number(row.low),
    middle: Number(row.middle),
    high: Number(row.high),
    sum: Number(row.sum),
    sumOfSquares: Number(row.sum_of_squares),
    lastAt: toDate(row.last_at),
    kind: String(row.kind),
  };
}
