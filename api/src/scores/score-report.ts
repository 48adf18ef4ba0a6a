import { categoryName, emptyTally, headline, type ScoresAnswer, type ScoreTally, type SurveyType } from '@tenpoint/shared';
import { zoneOffsetMs, type ScoreQuery } from './score-query.ts';
import type { Tallies } from './tallies.ts';

/** A tally as the answer shows it: the headline under the type's own name, and its counts. */
export function scoreFields(type: SurveyType, tally: ScoreTally) {
  const { score, marginOfError, responses } = headline(type, tally);
  const counts = Object.fromEntries(
    (['low', 'middle', 'high'] as const).map((band) => [type === 'nps' ? `${categoryName('nps', band)}s` : band, tally[band]]),
  );
  return { responses, [type]: score, marginOfError, ...counts };
}



/** The local date (YYYY-MM-DD) of an instant in a zone. */
const localDate = (instant: number, tz: string) => new Date(instant + zoneOffsetMs(instant, tz)).toISOString().slice(0, 10);

function bucketStart(date: string, interval: 'day' | 'week' | 'month'): string {
  const day = new Date(`${date}T00:00:00Z`);
  if (interval === 'week') day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  if (interval === 'month') day.setUTCDate(1);
  return day.toISOString().slice(0, 10);
}

function nextBucket(date: string, interval: 'day' | 'week' | 'month'): string {
  const day = new Date(`${date}T00:00:00Z`);
  if (interval === 'day') day.setUTCDate(day.getUTCDate() + 1);
  if (interval === 'week') day.setUTCDate(day.getUTCDate() + 7);
  if (interval === 'month') day.setUTCMonth(day.getUTCMonth() + 1);
  return day.toISOString().slice(0, 10);
}

/** Every bucket from the range's first to its last (or those with data), so that charts show the quiet days as zero. */
function bucketsOf(query: ScoreQuery, tallies: Tallies): string[] {
  const interval = query.interval!;
  const seen = [...tallies.series.keys()].sort();
  const first = query.start ? bucketStart(localDate(query.start.getTime(), query.tz), interval) : seen[0];
  const last = query.end ? bucketStart(localDate(query.end.getTime() - 1, query.tz), interval) : seen[seen.length - 1];
  if (!first || !last) return seen;
  const buckets: string[] = [];
  // Bounded: a range of many years by day is still a few thousand points.
  for (let bucket = first; bucket <= last && buckets.length < 20_000; bucket = nextBucket(bucket, interval)) buckets.push(bucket);
  return buckets;
}

export function scoreReport(query: ScoreQuery, tallies: Tallies): ScoresAnswer {
  const { type, id } = query.survey;
  const fields = scoreFields(type, tallies.total);
  const series = query.interval
    ? bucketsOf(query, tallies).map((start) => {
        const point = tallies.series.get(start);
        const empty = tallies.impressions === null ? null : 0;
        return {
          start,
          ...scoreFields(type, point?.tally ?? emptyTally()),
          declines: point?.declines ?? (tallies.declines === null ? null : 0),
          impressions: point?.impressions ?? empty,
          usersShown: point?.usersShown ?? empty,
        };
      })
    : [];
  const groups = [...tallies.groups.entries()]
    .map(([key, group]) => ({ key, ...scoreFields(type, group.tally), lastAnswerAt: group.lastAnswerAt?.toISOString() ?? null }))
    .filter((group) => group.responses > 0)
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
    // before), or without a recorded showing (test mode), hence the cap.
    responseRate: usersShown ? Math.min(1, fields.responses / usersShown) : null,
    series,
    groups,
  } as ScoresAnswer;
}

