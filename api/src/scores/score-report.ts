import type { ScoresAnswer } from '@tenpoint/shared';
import { emptyTally, headline, type ScoreTally, type SurveyType } from '@tenpoint/shared/scores';
import { instantOf, maxSeriesPoints, type ScoreQuery, zoneOffsetMs } from './score-query.ts';
import type { Tallies } from './tallies.ts';

/**
 * A tally as the answer shows it: the headline under the type's own name, and its counts (NPS
 * names them detractors, passives, promoters). Literal objects: a series builds one per point.
 */
export function scoreFields(type: SurveyType, tally: ScoreTally, minSample: number) {
  const { score, marginOfError, confidenceInterval, responses } = headline(type, tally);
  const { low, middle, high } = tally;
  const common = { responses, marginOfError, confidenceInterval, lowSample: responses < minSample };
  if (type === 'nps') return { ...common, nps: score, detractors: low, passives: middle, promoters: high };
  if (type === 'csat') return { ...common, csat: score, low, middle, high };
  return { ...common, ces: score, low, middle, high };
}

/** Whether the range starts after the bucket starts or ends before it ends. */
function isPartial(query: ScoreQuery, start: string, interval: 'day' | 'week' | 'month'): boolean {
  const first = instantOf(start, query.tz);
  const next = instantOf(dayName(nextBucket(Date.parse(`${start}T00:00:00Z`), interval)), query.tz);
  return (query.start !== undefined && query.start > first) || (query.end !== undefined && query.end < next);
}

/** The local date (YYYY-MM-DD) of an instant in a zone. */
const localDate = (instant: number, tz: string) => new Date(instant + zoneOffsetMs(instant, tz)).toISOString().slice(0, 10);

const dayMs = 86_400_000;

function bucketStart(date: string, interval: 'day' | 'week' | 'month'): string {
  const day = new Date(`${date}T00:00:00Z`);
  if (interval === 'week') day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  if (interval === 'month') day.setUTCDate(1);
  return day.toISOString().slice(0, 10);
}

/** The instant (UTC midnight) of the bucket after the one starting at `instant`. */
function nextBucket(instant: number, interval: 'day' | 'week' | 'month'): number {
  if (interval === 'day') return instant + dayMs;
  if (interval === 'week') return instant + 7 * dayMs;
  const day = new Date(instant);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1);
}

// 'YYYY-MM-DD' of a UTC midnight, remembered: a two-year daily series asks for 730 of them.
const dayNames = new Map<number, string>();
function dayName(instant: number): string {
  let name = dayNames.get(instant);
  if (name === undefined) {
    name = new Date(instant).toISOString().slice(0, 10);
    if (dayNames.size < 100_000) dayNames.set(instant, name);
  }
  return name;
}

/** Every bucket from the range's first to its last (or those with data), so that charts show the quiet days as zero. */
function bucketsOf(query: ScoreQuery, tallies: Tallies): string[] {
  const interval = query.interval!;
  const seen = [...tallies.series.keys()].sort();
  const first = query.start ? bucketStart(localDate(query.start.getTime(), query.tz), interval) : seen[0];
  const last = query.end ? bucketStart(localDate(query.end.getTime() - 1, query.tz), interval) : seen[seen.length - 1];
  if (!first || !last) return seen;
  const buckets: string[] = [];
  const lastAt = Date.parse(`${last}T00:00:00Z`);
  // readScoreQuery refuses longer series; the bound only keeps a mistake from looping for ever.
  for (let at = Date.parse(`${first}T00:00:00Z`); at <= lastAt && buckets.length <= maxSeriesPoints; at = nextBucket(at, interval)) {
    buckets.push(dayName(at));
  }
  return buckets;
}

export function scoreReport(query: ScoreQuery, tallies: Tallies): ScoresAnswer {
  const { type, id } = query.survey;
  const { minSample } = query;
  const fields = scoreFields(type, tallies.total, minSample);
  const series = query.interval
    ? bucketsOf(query, tallies).map((start, index, all) => {
        const point = tallies.series.get(start);
        const empty = tallies.impressions === null ? null : 0;
        return {
          start,
          // Only the first and the last bucket can reach past the range.
          partial: (index === 0 || index === all.length - 1) && isPartial(query, start, query.interval!),
          ...scoreFields(type, point?.tally ?? emptyTally(), minSample),
          declines: point?.declines ?? (tallies.declines === null ? null : 0),
          impressions: point?.impressions ?? empty,
          usersShown: point?.usersShown ?? empty,
        };
      })
    : [];
  const groups = [...tallies.segments.entries()]
    .map(([key, segment]) => ({
      key,
      ...scoreFields(type, segment.tally, minSample),
      lastAnswerAt: segment.lastAnswerAt?.toISOString() ?? null,
    }))
    .filter((segment) => segment.responses > 0)
    .sort((a, b) => b.responses - a.responses || a.key.localeCompare(b.key));
  const { impressions, usersShown } = tallies;
  return {
    type,
    surveyId: id,
    ...fields,
    declines: tallies.declines ?? 0,
    impressions,
    usersShown,
    // A response ends its round. One can come without its round in the range (shown on the day
    // before), or without a recorded impression (test mode), hence the cap.
    responseRate: usersShown ? Math.min(1, fields.responses / usersShown) : null,
    series,
    groups,
  } as ScoresAnswer;
}
