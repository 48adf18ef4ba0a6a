import { emptyTally, type ScoreTally } from '@tenpoint/shared/scores';

/** What a scores answer is made of, before any percentages: every part adds up across time. */
export interface Tallies {
  total: ScoreTally;
  /** Null where the data cannot say (showings are not segmented by traits). */
  declines: number | null;
  impressions: number | null;
  /** Showings that started a round: people shown, once each until they answer or dismiss. */
  usersShown: number | null;
  /** By the first day of each day, week or month (YYYY-MM-DD in the query's zone). */
  series: Map<string, SeriesTally>;
  /** By segment value. */
  groups: Map<string, GroupTally>;
}

export interface SeriesTally {
  tally: ScoreTally;
  declines: number | null;
  impressions: number | null;
  usersShown: number | null;
}

export interface GroupTally {
  tally: ScoreTally;
  lastAnswerAt: Date | null;
}

export const emptyTallies = (filtered: boolean): Tallies => ({
  total: emptyTally(),
  declines: 0,
  impressions: filtered ? null : 0,
  usersShown: filtered ? null : 0,
  series: new Map(),
  groups: new Map(),
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

export function groupAt(tallies: Tallies, key: string): GroupTally {
  let group = tallies.groups.get(key);
  if (!group) {
    group = { tally: emptyTally(), lastAnswerAt: null };
    tallies.groups.set(key, group);
  }
  return group;
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
  for (const [key, group] of from.groups) {
    const target = groupAt(into, key);
    addTally(target.tally, group.tally);
    if (group.lastAnswerAt && (!target.lastAnswerAt || group.lastAnswerAt > target.lastAnswerAt)) target.lastAnswerAt = group.lastAnswerAt;
  }
  return into;
}

/** One row of a tally query: a band's (or all bands') counts in a bucket and/or group. */
export interface TallyRow {
  bucket: string | null;
  grp: string | null;
  low: number;
  middle: number;
  high: number;
  sum: number;
  sumOfSquares: number;
  lastAt: Date | null;
  /** 'total', 'series' or 'groups': which grouping set the row belongs to. */
  kind: string;
}

export function addRows(tallies: Tallies, rows: TallyRow[]): Tallies {
  for (const row of rows) {
    const tally = { low: row.low, middle: row.middle, high: row.high, sum: row.sum, sumOfSquares: row.sumOfSquares };
    if (row.kind === 'total') addTally(tallies.total, tally);
    else if (row.kind === 'series' && row.bucket !== null) addTally(seriesAt(tallies, row.bucket).tally, tally);
    else if (row.kind === 'groups' && row.grp !== null) {
      const group = groupAt(tallies, row.grp);
      addTally(group.tally, tally);
      if (row.lastAt && (!group.lastAnswerAt || row.lastAt > group.lastAnswerAt)) group.lastAnswerAt = row.lastAt;
    }
  }
  return tallies;
}
