import { emptyTally, type ScoreTally } from '@tenpoint/shared/scores';

/** What a scores answer is made of, before any percentages: every part adds up across time. */
export interface Tallies {
  total: ScoreTally;
  /** Null where the data cannot say (impressions are not segmented by traits). */
  declines: number | null;
  impressions: number | null;
  /** Impressions that started a round: users shown, once each until they respond or decline. */
  usersShown: number | null;
  /** By the first day of each day, week or month (YYYY-MM-DD in the query's zone). */
  series: Map<string, SeriesTally>;
  /** By segment value. */
  segments: Map<string, SegmentTally>;
}

export interface SeriesTally {
  tally: ScoreTally;
  declines: number | null;
  impressions: number | null;
  usersShown: number | null;
}

export interface SegmentTally {
  tally: ScoreTally;
  lastAnswerAt: Date | null;
}

export const emptyTallies = (filtered: boolean): Tallies => ({
  total: emptyTally(),
  declines: 0,
  impressions: filtered ? null : 0,
  usersShown: filtered ? null : 0,
  series: new Map(),
  segments: new Map(),
});

export function addTally(into: ScoreTally, from: ScoreTally): ScoreTally {
  into.low += from.low;
  into.middle += from.middle;
  into.high += from.high;
  into.sum += from.sum;
  into.sumOfSquares += from.sumOfSquares;
  return into;
}

const addCount = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

export function seriesAt(tallies: Tallies, start: string): SeriesTally {
  let point = tallies.series.get(start);
  if (!point) {
    const shown = tallies.impressions === null ? null : 0;
    point = { tally: emptyTally(), declines: tallies.declines === null ? null : 0, impressions: shown, usersShown: shown };
    tallies.series.set(start, point);
  }
  return point;
}

export function segmentAt(tallies: Tallies, key: string): SegmentTally {
  let segment = tallies.segments.get(key);
  if (!segment) {
    segment = { tally: emptyTally(), lastAnswerAt: null };
    tallies.segments.set(key, segment);
  }
  return segment;
}

/** Adds `from` into `into`: the tallies of two time windows make those of both. */
export function mergeTallies(into: Tallies, from: Tallies): Tallies {
  addTally(into.total, from.total);
  into.declines = addCount(into.declines, from.declines);
  into.impressions = addCount(into.impressions, from.impressions);
  into.usersShown = addCount(into.usersShown, from.usersShown);
  for (const [start, point] of from.series) {
    const target = seriesAt(into, start);
    addTally(target.tally, point.tally);
    target.declines = addCount(target.declines, point.declines);
    target.impressions = addCount(target.impressions, point.impressions);
    target.usersShown = addCount(target.usersShown, point.usersShown);
  }
  for (const [key, segment] of from.segments) {
    const target = segmentAt(into, key);
    addTally(target.tally, segment.tally);
    if (segment.lastAnswerAt && (!target.lastAnswerAt || segment.lastAnswerAt > target.lastAnswerAt))
      target.lastAnswerAt = segment.lastAnswerAt;
  }
  return into;
}

/** One row of a tally query: a band's (or all bands') counts in a series bucket and/or segment. */
export interface TallyRow {
  bucket: string | null;
  grp: string | null;
  low: number;
  middle: number;
  high: number;
  sum: number;
  sumOfSquares: number;
  lastAt: Date | null;
  /** 'total', 'series' or 'segments': which grouping set the row belongs to. */
  kind: string;
}

export function addRows(tallies: Tallies, rows: TallyRow[]): Tallies {
  for (const row of rows) {
    const tally = { low: row.low, middle: row.middle, high: row.high, sum: row.sum, sumOfSquares: row.sumOfSquares };
    if (row.kind === 'total') addTally(tallies.total, tally);
    else if (row.kind === 'series' && row.bucket !== null) addTally(seriesAt(tallies, row.bucket).tally, tally);
    else if (row.kind === 'segments' && row.grp !== null) {
      const segment = segmentAt(tallies, row.grp);
      addTally(segment.tally, tally);
      if (row.lastAt && (!segment.lastAnswerAt || row.lastAt > segment.lastAnswerAt)) segment.lastAnswerAt = row.lastAt;
    }
  }
  return tallies;
}
