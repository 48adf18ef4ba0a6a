import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';
import { dailyTallies, hourlyTallies, tallyChanges, weeklyTallies } from '../db/schema/index.ts';
import { type SqlText, sqlNames } from '../db/sql-names.ts';
import { scanTallies, tallyRow, type Window } from './scan-tallies.ts';
import { hasWholeHourOffsets, offsetSamples, type ScoreQuery, zoneOffsetMs } from './score-query.ts';
import { isTallied } from './segments.ts';
import { addTally, emptyTallies, mergeTallies, seriesAt, type Tallies } from './tallies.ts';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/**
 * A window cut into whole units (hours or UTC days), which the tally tables answer, and the ragged
 * edges before and after, which are read from the raw rows: a day at most, found by index.
 */
function split(window: Window, unitMs: number, offsetMs = 0): { inner: Window | null; edges: Window[] } {
  const innerStart = window.start && new Date(Math.ceil((window.start.getTime() - offsetMs) / unitMs) * unitMs + offsetMs);
  const innerEnd = window.end && new Date(Math.floor((window.end.getTime() - offsetMs) / unitMs) * unitMs + offsetMs);
  if (innerStart && innerEnd && innerStart >= innerEnd) return { inner: null, edges: [window] };
  const edges: Window[] = [];
  if (window.start && innerStart && innerStart > window.start) edges.push({ start: window.start, end: innerStart });
  if (window.end && innerEnd && innerEnd < window.end) edges.push({ start: innerEnd, end: window.end });
  return { inner: { start: innerStart, end: innerEnd }, edges };
}

const weekMs = 7 * dayMs;
// 1970-01-05, the first Monday after the epoch: weeks start on Monday, as in Postgres.
const mondayMs = 4 * dayMs;

type Source = 'weekly_tallies' | 'daily_tallies';
const sourceTables: Record<Source, SqlText> = {
  weekly_tallies: sqlNames(weeklyTallies).$table,
  daily_tallies: sqlNames(dailyTallies).$table,
};
const hourly = sqlNames(hourlyTallies);
// Daily and weekly tallies have the same columns.
const days = sqlNames(dailyTallies);
const changes = sqlNames(tallyChanges);

/** A window as whole weeks (when allowed), whole days around them, and the raw edges around those. */
function segmentPieces(window: Window, weeks: boolean): { tallied: Array<[Source, Window]>; raw: Window[] } {
  const tallied: Array<[Source, Window]> = [];
  const raw: Window[] = [];
  const { inner: innerWeeks, edges: aroundWeeks } = weeks ? split(window, weekMs, mondayMs) : { inner: null, edges: [window] };
  if (innerWeeks) tallied.push(['weekly_tallies', innerWeeks]);
  for (const piece of aroundWeeks) {
    const { inner, edges } = split(piece, dayMs);
    if (inner) tallied.push(['daily_tallies', inner]);
    raw.push(...edges);
  }
  return { tallied, raw };
}

const alwaysUtc = (query: ScoreQuery) =>
  offsetSamples(query.start?.getTime() ?? 0, (query.end ?? query.askedAt).getTime()).every(
    (instant) => zoneOffsetMs(instant, query.tz) === 0,
  );

// A logged change not yet folded into the tallies, as the tally columns it will add to.
// (tally_change_segments, the view of changes by segment, has the same columns.)
const { band, sign, score } = changes;
const pendingCounts = sql`(${band} = 'low')::int * ${sign}, (${band} = 'middle')::int * ${sign}, (${band} = 'high')::int * ${sign},
  coalesce(${score} * ${sign}, 0), coalesce(${score} * ${score} * ${sign}, 0)`;

// Over the union of tallied rows and pending changes, whose columns the tallies name.
const tallySums = sql`sum(${hourly.low})::int as low, sum(${hourly.middle})::int as middle, sum(${hourly.high})::int as high,
  sum(${hourly.sum})::float8 as sum, sum(${hourly.sumOfSquares})::float8 as sum_of_squares`;

function range(column: SqlText, window: Window, asDay: boolean): SQL {
  const value = (date: Date) => (asDay ? date.toISOString().slice(0, 10) : date.toISOString());
  return sql.join(
    [window.start ? sql`${column} >= ${value(window.start)}` : sql`true`, window.end ? sql`${column} < ${value(window.end)}` : sql`true`],
    sql` and `,
  );
}

/** Tallied rows of the whole survey: whole hours, or whole UTC days from the `total` segment. */
function wholeSurveyRows(query: ScoreQuery, window: Window, unit: 'hour' | 'day'): SQL {
  const h = hourly;
  const d = days;
  return unit === 'hour'
    ? sql`select ${h.hour} as hour, ${h.low}, ${h.middle}, ${h.high}, ${h.sum}, ${h.sumOfSquares}, ${h.impressions}, ${h.shownUsers},
          ${h.declines}
        from ${h.$table}
        where ${h.siteId} = ${query.siteId} and ${h.surveyId} = ${query.survey.id} and ${range(h.hour, window, false)}`
    : sql`select ${d.day}::timestamp at time zone 'UTC' as hour, ${d.low}, ${d.middle}, ${d.high}, ${d.sum}, ${d.sumOfSquares},
          ${d.impressions}, ${d.shownUsers}, ${d.declines}
        from ${d.$table}
        where ${d.siteId} = ${query.siteId} and ${d.surveyId} = ${query.survey.id} and ${d.dimension} = 'total' and ${d.value} = ''
          and ${range(d.day, window, true)}`;
}

const wholeSurveyRow = z
  .object({
    bucket: z.string().nullable(),
    impressions: z.number().nullable(),
    shown_users: z.number().nullable(),
    declines: z.number().nullable(),
  })
  .loose();

/** Totals, series, impressions and declines of the whole survey, from the tallies and the changes not yet folded. */
async function fromWholeSurvey(db: Database, query: ScoreQuery, window: Window, tallies: Tallies, unit: 'hour' | 'day') {
  // With a series, the total is the sum of its points: one grouping instead of two.
  const bucket = query.interval
    ? sql`to_char(date_trunc(${query.interval}, hour at time zone ${query.tz}), 'YYYY-MM-DD')`
    : sql`null::text`;
  const rows = await queryRows(
    db,
    sql`
      select ${query.interval ? sql`bucket` : sql`null::text as bucket`}, null as grp, ${tallySums},
        sum(${hourly.impressions})::int as impressions, sum(${hourly.shownUsers})::int as shown_users,
        sum(${hourly.declines})::int as declines, null as last_at, 'series' as kind
      from (select ${bucket} as bucket, * from (
        ${wholeSurveyRows(query, window, unit)}
        union all
        select date_trunc('hour', ${changes.at} at time zone 'UTC') at time zone 'UTC', ${pendingCounts},
          (${changes.kind} = 'impression')::int * ${sign}, (${changes.kind} = 'shown_user')::int * ${sign},
          (${changes.kind} = 'decline')::int * ${sign}
        from ${changes.$table}
        where ${changes.siteId} = ${query.siteId} and ${changes.surveyId} = ${query.survey.id} and ${range(changes.at, window, false)}
      ) as tallied) as hours
      ${query.interval ? sql`group by bucket` : sql``}`,
    wholeSurveyRow,
  );
  const part = emptyTallies(false);
  for (const row of rows) {
    const tally = pick(tallyRow(row));
    const counts = {
      declines: Number(row.declines ?? 0),
      impressions: Number(row.impressions ?? 0),
      usersShown: Number(row.shown_users ?? 0),
    };
    addTally(part.total, tally);
    part.declines! += counts.declines;
    part.impressions! += counts.impressions;
    part.usersShown! += counts.usersShown;
    const bucketStart = row.bucket as string | null;
    if (query.interval && bucketStart !== null) Object.assign(seriesAt(part, bucketStart), { tally, ...counts });
  }
  mergeTallies(tallies, part);
}

const pick = ({ low, middle, high, sum, sumOfSquares }: ReturnType<typeof tallyRow>) => ({ low, middle, high, sum, sumOfSquares });

/** One segment's totals and series (UTC days), or every segment's totals, from daily or weekly tallies. */
async function fromSegments(
  db: Database,
  query: ScoreQuery,
  source: Source,
  window: Window,
  tallies: Tallies,
  segment: { dimension: string; value?: string },
) {
  const bucket =
    query.interval && segment.value !== undefined
      ? sql`to_char(date_trunc(${query.interval}, ${days.day}::timestamp), 'YYYY-MM-DD')`
      : sql`null::text`;
  const d = days;
  const grp = segment.value === undefined ? sql`${d.value}` : sql`null::text`;
  const rows = await queryRows(
    db,
    sql`
      select ${segment.value === undefined ? sql`null::text as bucket, grp` : sql`bucket, null::text as grp`}, ${tallySums},
        max(${days.lastAnswerAt}) as last_at, ${
          segment.value === undefined ? sql`'segments'` : sql`case when grouping(bucket) = 0 then 'series' else 'total' end`
        } as kind
      from (select ${bucket} as bucket, ${grp} as grp, * from (
        select ${d.value}, ${d.day}, ${d.low}, ${d.middle}, ${d.high}, ${d.sum}, ${d.sumOfSquares}, ${d.lastAnswerAt}
        from ${sourceTables[source]}
        where ${d.siteId} = ${query.siteId} and ${d.surveyId} = ${query.survey.id} and ${d.dimension} = ${segment.dimension}
          ${segment.value === undefined ? sql`` : sql`and ${d.value} = ${segment.value}`} and ${range(d.day, window, true)}
        union all
        -- The view (engine.sql) has the segment columns of the tallies and the change columns of tally_changes.
        select ${d.value}, (${changes.at} at time zone 'UTC')::date, ${pendingCounts}, case when ${sign} > 0 then ${changes.at} end
        from tally_change_segments
        where ${d.siteId} = ${query.siteId} and ${d.surveyId} = ${query.survey.id} and ${d.dimension} = ${segment.dimension}
          ${segment.value === undefined ? sql`` : sql`and ${d.value} = ${segment.value}`} and ${range(changes.at, window, false)}
      ) as tallied) as days
      ${segment.value === undefined ? sql`group by grp` : sql`group by grouping sets ((bucket), ())`}`,
    tallyRow,
  );
  const part = emptyTallies(true);
  part.declines = 0;
  for (const tally of rows) {
    if (tally.kind === 'total' && segment.value !== undefined) Object.assign(part.total, pick(tally));
    else if (tally.kind === 'series' && tally.bucket !== null) seriesAt(part, tally.bucket).tally = pick(tally);
    else if (tally.kind === 'segments' && tally.grp !== null)
      part.segments.set(tally.grp, { tally: pick(tally), lastAnswerAt: tally.lastAt });
  }
  mergeTallies(tallies, part);
}

/**
 * Answers a scores query from the tally tables, reading raw rows only at the ragged edges of the
 * range. What they cannot answer exactly (several trait filters at once, a filter with `groupBy`, a
 * series in a zone that is not whole hours from UTC) is read from the raw rows.
 */
export async function rollupTallies(db: Database, query: ScoreQuery): Promise<Tallies> {
  const traits = Object.entries(query.traits);
  const filtered = traits.length > 0;
  const seriesNeedsScan = query.interval !== undefined && (filtered ? !alwaysUtc(query) : !hasWholeHourOffsets(query));
  // Test responses and traits that are not tally segments are only in the rows.
  const untallied = query.includeTest === true || traits.some(([name]) => !isTallied(query.survey, name));
  if (traits.length > 1 || (filtered && query.groupBy) || seriesNeedsScan || untallied) return scanTallies(db, query);

  const tallies = emptyTallies(filtered);
  const withoutSegments = { ...query, groupBy: undefined };
  if (!filtered) {
    // Whole UTC days from the daily totals when the zone is UTC; hours around them, and raw rows around those.
    const { inner: days, edges: aroundDays } = alwaysUtc(query) ? split(query, dayMs) : { inner: null, edges: [query] };
    if (days) await fromWholeSurvey(db, query, days, tallies, 'day');
    for (const window of aroundDays) {
      const { inner, edges } = split(window, hourMs);
      if (inner) await fromWholeSurvey(db, query, inner, tallies, 'hour');
      for (const edge of edges) mergeTallies(tallies, await scanTallies(db, withoutSegments, edge));
    }
  } else {
    const [name, value] = traits[0]!;
    // Weeks would blur a daily series; without one they save reading six rows in seven.
    const { tallied, raw } = segmentPieces(query, !query.interval);
    for (const [source, window] of tallied) await fromSegments(db, query, source, window, tallies, { dimension: `trait:${name}`, value });
    for (const edge of raw) mergeTallies(tallies, await scanTallies(db, withoutSegments, edge, { responses: true, events: false }));
    // Declines are few, and keep their traits: counted from their rows.
    mergeTallies(tallies, await scanTallies(db, withoutSegments, query, { responses: false, events: true }));
  }
  if (query.groupBy?.startsWith('trait:') && !isTallied(query.survey, query.groupBy.slice('trait:'.length))) {
    for (const [key, tally] of (await scanTallies(db, { ...query, interval: undefined }, query, { responses: true, events: false }))
      .segments)
      tallies.segments.set(key, tally);
  } else if (query.groupBy) {
    const bySegment = emptyTallies(filtered);
    const { tallied, raw } = segmentPieces(query, true);
    const totalsOnly = { ...query, interval: undefined };
    for (const [source, window] of tallied) await fromSegments(db, totalsOnly, source, window, bySegment, { dimension: query.groupBy });
    for (const edge of raw) mergeTallies(bySegment, await scanTallies(db, totalsOnly, edge, { responses: true, events: false }));
    for (const [key, tally] of bySegment.segments) tallies.segments.set(key, tally);
  }
  return tallies;
}
