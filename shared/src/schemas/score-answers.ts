import { z } from 'zod';
import type { SurveyType } from '../scores.ts';
import { followUpFiguresSchema } from './follow-ups.ts';

const count = z.int().nonnegative();
const storedTraits = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/** What every score says, whatever its type. */
const common = {
  responses: count.describe('Responses counted; a decline never is one.'),
  marginOfError: z.number().nonnegative().nullable().describe('Half the width of `confidenceInterval`; null without responses.'),
  confidenceInterval: z
    .object({ low: z.number(), high: z.number() })
    .nullable()
    .describe(
      'The 95% interval of the headline score, within the scale (adjusted Wald for NPS, Wilson for CSAT; see docs/contract.md §2).',
    ),
  lowSample: z.boolean().describe('Fewer responses than `minSample` (30 unless asked otherwise): read the score with care.'),
};

/** The headline under the type's own name, and its counts: NPS names them, CSAT and CES say low/middle/high. */
const fieldsOf = {
  nps: {
    ...common,
    nps: z
      .number()
      .min(-100)
      .max(100)
      .nullable()
      .meta({ description: '(promoters − detractors) / responses × 100; null without responses.', examples: [42] }),
    detractors: count.describe('Scores 0 to 6.'),
    passives: count.describe('Scores 7 and 8.'),
    promoters: count.describe('Scores 9 and 10.'),
  },
  csat: {
    ...common,
    csat: z
      .number()
      .min(0)
      .max(100)
      .nullable()
      .meta({ description: 'The share of 4 and 5 scores, in percent; null without responses.', examples: [87.5] }),
    low: count.describe('Scores 1 and 2.'),
    middle: count.describe('Score 3.'),
    high: count.describe('Scores 4 and 5.'),
  },
  ces: {
    ...common,
    ces: z
      .number()
      .min(1)
      .max(7)
      .nullable()
      .meta({ description: 'The mean score; null without responses.', examples: [5.4] }),
    low: count.describe('Scores 1 to 3.'),
    middle: count.describe('Scores 4 and 5.'),
    high: count.describe('Scores 6 and 7.'),
  },
} satisfies Record<SurveyType, z.ZodRawShape>;

const previousOf = {
  nps: z.object({ responses: count, nps: fieldsOf.nps.nps }),
  csat: z.object({ responses: count, csat: fieldsOf.csat.csat }),
  ces: z.object({ responses: count, ces: fieldsOf.ces.ces }),
};

const change = z
  .object({
    points: z.number().describe('Now less before: points for NPS and CSAT, the scale’s units for CES.'),
    marginOfError: z.number().nonnegative().describe('Half-width of the 95% interval of the difference, 1.96·√(se₁² + se₂²).'),
    significant: z.boolean().describe('More than chance: a two-sided two-sample z-test at 95% (|points| > marginOfError).'),
    words: z.string().meta({ examples: ['up 8 points, more than chance', 'down 2 points, within the margin'] }),
  })
  .meta({ id: 'ScoreChange' });
const changeFields = {
  change: change.nullable().describe('The change against the previous period; null with `changeReason`.'),
  changeReason: z
    .string()
    .nullable()
    .describe('Why `change` is null: no `from`, no responses before, or fewer than `minSample` in either period.'),
};

const named = { nps: 'Nps', csat: 'Csat', ces: 'Ces' } as const;

function scoresOf<Type extends SurveyType>(type: Type) {
  const fields = fieldsOf[type] as (typeof fieldsOf)[Type];
  const point = z
    .object({
      start: z.iso.date().describe('First day of the day, week or month, in the query’s time zone.'),
      partial: z.boolean().describe('The range begins or ends inside this day, week or month, so it holds only part of its days.'),
      ...fields,
      declines: count.nullable(),
      impressions: count.nullable(),
      usersShown: count.nullable(),
    })
    .meta({ id: `${named[type]}SeriesPoint` });
  const segment = z
    .object({
      key: z.string().meta({ description: 'The account id, locale, score or trait value of the segment.', examples: ['pro'] }),
      ...fields,
      lastAnswerAt: z.iso.datetime().nullable(),
      ...changeFields,
    })
    .meta({ id: `${named[type]}ScoreGroup` });
  const totals = {
    declines: count.describe('Declines, beside the score and never in its denominator; with trait filters, of users matching them.'),
    impressions: count.nullable().describe('Impressions; null with trait filters, which impressions do not record.'),
    usersShown: count
      .nullable()
      .describe(
        'Users shown the survey, once per round ' +
          "(a round runs from an impression to the user's response or decline, however many times it was shown in between); " +
          'null with trait filters.',
      ),
    responseRate: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .describe('Users who responded / users shown (responses / usersShown), from 0 to 1; null when nobody was shown.'),
  };
  const previous = z
    .object({
      from: z.iso.datetime().describe('Where the previous period starts.'),
      to: z.iso.datetime().describe('Where it ends (excluded): where the asked range starts.'),
      ...fields,
      ...totals,
    })
    .meta({ id: `${named[type]}PreviousPeriod` });
  const answer = z
    .object({
      type: z.literal(type),
      surveyId: z.uuid().describe('The survey; with `surveyIds`, the first of them.'),
      surveyIds: z.array(z.uuid()).describe('Every survey counted: `surveyId` alone, or those of `surveyIds`.'),
      ...fields,
      ...totals,
      previous: previous
        .nullable()
        .describe('The same figures for the period of the same length just before the range; null when the range has no `from`.'),
      ...changeFields,
      series: z.array(point).describe('With `interval`: a point per day, week or month of the range, quiet ones included.'),
      groups: z.array(segment).describe('With `groupBy`: the segments with responses, most responses first.'),
      followUp: followUpFiguresSchema.describe(
        'How the low scores (detractors for NPS) of the range are followed up; test responses and trait filters aside.',
      ),
    })
    .meta({ id: `${named[type]}Scores` });
  const account = z
    .object({
      accountId: z.string(),
      name: z.string().nullable(),
      traits: storedTraits,
      ...fields,
      lastAnswerAt: z.iso.datetime().nullable(),
      previous: previousOf[type].nullable().describe('The range of the same length just before: its responses and headline.'),
      trend: z
        .number()
        .nullable()
        .describe('Points (NPS, CSAT) or score (CES) gained since the previous range; null unless both ranges have `minSample` responses.'),
      trendReason: z
        .string()
        .nullable()
        .describe('Why `trend` is null: too few responses in either range (below `minSample`), or none before.'),
    })
    .meta({ id: `${named[type]}AccountScore` });
  const accounts = z
    .object({
      type: z.literal(type),
      from: z.iso.datetime(),
      to: z.iso.datetime(),
      data: z.array(account).describe('Accounts with responses in the range, most responses first.'),
    })
    .meta({ id: `${named[type]}Accounts` });
  return { answer, accounts };
}

const nps = scoresOf('nps');
const csat = scoresOf('csat');
const ces = scoresOf('ces');

/** `GET /v1/scores`: the survey's score over the range, its series and segments, by survey type. */
export const scoresAnswerSchema = z
  .discriminatedUnion('type', [nps.answer, csat.answer, ces.answer])
  .meta({ id: 'Scores', description: 'The score of the survey over the range; its fields depend on `type`.' });
export type ScoresAnswer = z.infer<typeof scoresAnswerSchema>;
export type SeriesPoint = ScoresAnswer['series'][number];
export type ScoreSegment = ScoresAnswer['groups'][number];
export type ScoreChangeAnswer = NonNullable<ScoresAnswer['change']>;

/** `GET /v1/accounts`: each account's score over the range, and its trend against the range before. */
export const accountsAnswerSchema = z
  .discriminatedUnion('type', [nps.accounts, csat.accounts, ces.accounts])
  .meta({ id: 'Accounts', description: 'Each account’s score over the range; its fields depend on `type`.' });
export type AccountsAnswer = z.infer<typeof accountsAnswerSchema>;
