import { sql, type SQL } from 'drizzle-orm';
import type { Survey } from '../db/schema/index.ts';

// The one definition of a segment, which the tally fold (tenpoint_segments() in SQL), the scores
// read from rows and the responses filter all follow (docs/contract.md, "Segments"):
// - `plan` is the user trait plan; `account.plan` the account trait plan. A user trait whose own
//   name begins with `account.` cannot be named apart from it, and is in no segment.
// - a value is a segment when it is a string, number or boolean of at most 200 characters;
// - the tallies keep only the traits the survey lists in `settings.segmentTraits`: other names are
//   answered from the rows, by the same rule.

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

/** A trait of the answer's snapshot, as text; `account.NAME` reads the account's traits. */
export function traitValue(name: string): SQL {
  return name.startsWith('account.') ? sql`account_traits ->> ${name.slice('account.'.length)}` : sql`user_traits ->> ${name}`;
}

/** A trait's value when it makes a segment, else null. */
export function traitSegment(name: string): SQL {
  const value = traitValue(name);
  return sql`case when char_length(${value}) <= ${maxSegmentValueLength} then ${value} end`;
}

/** The segment an answer falls in along `groupBy`, or null when it is in none. */
export function segmentValue(groupBy: string): SQL {
  if (groupBy === 'score') return sql`score::text`;
  if (groupBy === 'account') return sql`account_id`;
  if (groupBy === 'locale') return sql`locale`;
  return traitSegment(groupBy.slice('trait:'.length));
}

/** The trait names whose segments the tallies keep for this survey, as stored (absent: none). */
export function tallyTraits(survey: Pick<Survey, 'settings'>): string[] {
  const names = survey.settings.segmentTraits;
  return Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : [];
}

/** Whether the tallies answer for the trait `name` (`plan`, `account.plan`). */
export const isTallied = (survey: Pick<Survey, 'settings'>, name: string) => tallyTraits(survey).includes(name);
