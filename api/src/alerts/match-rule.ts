import type { AlertConditions, Traits } from '@tenpoint/shared';
import { addScore, type Band, categoryName, emptyTally, headline, type SurveyType } from '@tenpoint/shared/scores';

/** A response as the rules read it: what it said, on which survey, from which account and its traits then. */
export interface AlertFacts {
  id: string;
  surveyId: string;
  surveyType: SurveyType;
  score: number;
  band: Band;
  comment: string | null;
  accountId: string | null;
  accountTraits: Traits;
}

type TraitCondition = NonNullable<AlertConditions['accountTraits']>[number];

function traitHolds(traits: Traits, { trait, op, value }: TraitCondition): boolean {
  if (!Object.hasOwn(traits, trait)) return false;
  const stored = traits[trait];
  if (op === 'equals') return String(stored) === String(value);
  if (op === 'in') return (value as unknown[]).some((one) => String(one) === String(stored));
  const number = typeof stored === 'number' ? stored : typeof stored === 'string' && stored.trim() !== '' ? Number(stored) : Number.NaN;
  if (!Number.isFinite(number)) return false;
  return op === 'gte' ? number >= (value as number) : number <= (value as number);
}

/** Whether a response meets every condition but the account's score drop (which needs the database). */
export function meetsConditions(conditions: AlertConditions, facts: AlertFacts): boolean {
  const { categories, withComment, surveyIds, accountTraits, accountScoreDrop } = conditions;
  if (categories && !categories.some((name) => name === facts.band || name === categoryName(facts.surveyType, facts.band))) return false;
  const commented = (facts.comment ?? '').trim() !== '';
  if (withComment !== undefined && withComment !== commented) return false;
  if (surveyIds && !surveyIds.includes(facts.surveyId)) return false;
  if (accountTraits && !accountTraits.every((condition) => traitHolds(facts.accountTraits, condition))) return false;
  if (accountScoreDrop && facts.accountId === null) return false;
  return true;
}

/**
 * How many points (the scale's units for CES) the account's score over its window is lower with
 * this response than without it; null with fewer than `minResponses` responses counting it.
 */
export function scoreDrop(type: SurveyType, windowScores: number[], thisScore: number, minResponses: number): number | null {
  if (windowScores.length + 1 < minResponses || windowScores.length === 0) return null;
  const without = windowScores.reduce((tally, score) => addScore(tally, type, score), emptyTally());
  const withIt = addScore({ ...without }, type, thisScore);
  const before = headline(type, without).score;
  const after = headline(type, withIt).score;
  return before === null || after === null ? null : before - after;
}
