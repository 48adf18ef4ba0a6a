import type { ScoresAnswer } from '@tenpoint/shared';
import { noChangeReason, scoreChange } from '@tenpoint/shared/score-change';
import type { ScoreTally } from '@tenpoint/shared/scores';
import type { ScoreQuery } from './score-query.ts';
import { scoreFields } from './score-report.ts';
import type { Tallies } from './tallies.ts';

/**
 * The query for the period of the same length that ends where the asked one starts (a range
 * without `to` ends now), with the same filters and segments but no series; undefined without `from`.
 */
export function previousPeriod(query: ScoreQuery): ScoreQuery | undefined {
  if (!query.start) return undefined;
  const end = query.end ?? query.askedAt;
  if (end <= query.start) return undefined;
  const start = new Date(query.start.getTime() - (end.getTime() - query.start.getTime()));
  return { ...query, start, end: query.start, interval: undefined };
}

/** Why a query has no previous period. */
const noPreviousReason = (query: ScoreQuery) =>
  query.start
    ? 'the range starts after now and has no `to`: no length to compare with the period before'
    : 'the range has no start: give `from` to compare with the period of the same length before';

function changeOf(query: ScoreQuery, before: ScoreTally | undefined, now: ScoreTally, responses: (tally: ScoreTally) => number) {
  const reason = noChangeReason(responses(now), before ? responses(before) : 0, query.minSample);
  if (reason !== null || !before) return { change: null, changeReason: reason };
  return { change: scoreChange(query.survey.type, before, now), changeReason: null };
}

/** The answer with its previous period and its change against it, per segment too. */
export function withPreviousPeriod(
  answer: ScoresAnswer,
  query: ScoreQuery,
  current: Tallies,
  previousQuery: ScoreQuery | undefined,
  previous: Tallies | undefined,
): ScoresAnswer {
  const count = (tally: ScoreTally) => tally.low + tally.middle + tally.high;
  if (!previousQuery || !previous) {
    const changeReason = noPreviousReason(query);
    const groups = answer.groups.map((group) => ({ ...group, change: null, changeReason }));
    return { ...answer, previous: null, change: null, changeReason, groups } as ScoresAnswer;
  }
  const fields = scoreFields(query.survey.type, previous.total, query.minSample);
  const usersShown = previous.usersShown;
  const before = {
    from: previousQuery.start!.toISOString(),
    to: previousQuery.end!.toISOString(),
    ...fields,
    declines: previous.declines ?? 0,
    impressions: previous.impressions,
    usersShown,
    responseRate: usersShown ? Math.min(1, fields.responses / usersShown) : null,
  };
  const groups = answer.groups.map((group) => ({
    ...group,
    ...changeOf(query, previous.segments.get(group.key)?.tally, current.segments.get(group.key)!.tally, count),
  }));
  return { ...answer, previous: before, ...changeOf(query, previous.total, current.total, count), groups } as ScoresAnswer;
}
