import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { queryRows, toDate } from '../db/query-rows.ts';
import type { ScoreQuery } from './score-query.ts';
import { segmentValue, traitSegment } from './segments.ts';
import { addRows, emptyTallies, seriesAt, type Tallies, type TallyRow } from './tallies.ts';

export interface Window {
  start?: Date | undefined;
  end?: Date | undefined;
}

export const bucketOf = (query: ScoreQuery, time: SQL): SQL =>
  sql`to_char(date_trunc(${query.interval ?? 'day'}, ${time} at time zone ${query.tz}), 'YYYY-MM-DD')`;

function conditions(query: ScoreQuery, window: Window, time: SQL, withTraits: boolean): SQL {
  const parts = [sql`site_id = ${query.siteId}`, sql`survey_id = ${query.survey.id}`];
  if (!query.includeTest) parts.push(sql`not test`);
  if (window.start) parts.push(sql`${time} >= ${window.start.toISOString()}`);
  if (window.end) parts.push(sql`${time} < ${window.end.toISOString()}`);
  if (withTraits) for (const [name, value] of Object.entries(query.traits)) parts.push(sql`${traitSegment(name)} = ${value}`);
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
  const bucket = query.interval ? bucketOf(query, sql`created_at`) : sql`null::text`;
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
        select ${bucket} as bucket, ${segment} as grp, band, score, created_at from responses
        where ${conditions(query, window, sql`created_at`, true)}
      ) as scored
      group by grouping sets ((bucket), (grp), ())`,
    tallyRow,
  );
  addRows(tallies, responseRows);
}

const eventCountRow = z.object({ bucket: z.string().nullable(), n: z.number(), rounds: z.number(), is_total: z.number() });

async function scanEvents(db: Database, query: ScoreQuery, window: Window, tallies: Tallies, filtered: boolean) {
  // Declines keep the traits of the moment too; impressions do not, so they go uncounted under a filter.
  const counts = async (table: 'declines' | 'impressions', time: SQL) => {
    const bucketOfRow = query.interval ? bucketOf(query, time) : sql`null::text`;
    const startsRound = table === 'impressions' ? sql`starts_round` : sql`false`;
    return queryRows(
      db,
      sql`
        select bucket, count(*)::int as n, count(*) filter (where starts_round)::int as rounds, grouping(bucket) as is_total
        from (select ${bucketOfRow} as bucket, ${startsRound} as starts_round from ${sql.identifier(table)}
          where ${conditions(query, window, time, table === 'declines')}) as events
        group by grouping sets ((bucket), ())`,
      eventCountRow,
    );
  };
  for (const row of await counts('declines', sql`created_at`)) {
    if (Number(row.is_total) === 1) tallies.declines = Number(row.n);
    else seriesAt(tallies, String(row.bucket)).declines = Number(row.n);
  }
  if (!filtered) {
    for (const row of await counts('impressions', sql`shown_at`)) {
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
