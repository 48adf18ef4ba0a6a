import { type SQL, sql } from 'drizzle-orm';
import { responses, type Survey } from '../db/schema/index.ts';
import { type SqlText, sqlNames } from '../db/sql-names.ts';

// Which segments a response counts in is defined once, in SQL: tenpoint_segment_value() in
// engine.sql, which the tally fold, the rebuild and every reader here call (docs/contract.md,
// "Segments"). This module holds what the API checks before asking: a trait name and a value that
// can name a segment, and which traits a survey's tallies keep (`settings.segmentTraits`; others
// are answered from the rows, by the same rule).

/** A trait value longer than this is in no segment; engine.sql says the same (segments.test.ts checks). */
export const maxSegmentValueLength = 200;
export const segmentValueRule = `a value longer than ${maxSegmentValueLength} characters is in no segment; filter on a shorter one`;

/** Characters as Postgres counts them (code points), not UTF-16 units. */
const characters = (text: string) => {
  let count = 0;
  for (const _ of text) count++;
  return count;
};

export const isSegmentValue = (value: string) => characters(value) <= maxSegmentValueLength;

export function isTraitName(name: string): boolean {
  const own = name.startsWith('account.') ? name.slice('account.'.length) : name;
  return own.length >= 1 && own.length <= 100;
}

const r = sqlNames(responses);
const segmentColumns = sql`${r.score}, ${r.accountId}, ${r.locale}, ${r.userTraits}, ${r.accountTraits}`;

/**
 * The segment of a response along `dimension` (`score`, `account`, `locale`, `trait:plan`,
 * `trait:account.plan`, as a `groupBy` names them), or null when it is in none.
 */
export const segmentValue = (dimension: string): SQL => sql`tenpoint_segment_value(${dimension}, ${segmentColumns})`;

/** A trait's segment (`plan`, `account.plan`) in any table with the traits of the moment (responses, declines), or null. */
export const traitSegment = (name: string, table: { userTraits: SqlText; accountTraits: SqlText } = r): SQL =>
  sql`tenpoint_segment_value(${`trait:${name}`}, null, null, null, ${table.userTraits}, ${table.accountTraits})`;

/** The trait names whose segments the tallies keep for this survey, as stored (absent: none). */
export function tallyTraits(survey: Pick<Survey, 'settings'>): string[] {
  const names = survey.settings.segmentTraits;
  return Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : [];
}

/** Whether the tallies answer for the trait `name` (`plan`, `account.plan`). */
export const isTallied = (survey: Pick<Survey, 'settings'>, name: string) => tallyTraits(survey).includes(name);
