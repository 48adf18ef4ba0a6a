import { z } from 'zod';
import { surveyTypes } from '../scores.ts';
import { surveySettingsSchema } from './survey-settings.ts';

/** Dates the API reads: years 1900 to 2199, wide enough for any real answer and exact in every time zone. */
export const dateRange = { first: '1900-01-01', last: '2199-12-31' } as const;

const isoDate = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: 'must be an ISO 8601 date such as 2026-01-31',
  })
  .refine((value) => value.slice(0, 10) >= dateRange.first && value.slice(0, 10) <= dateRange.last, `must be a date from ${dateRange.first} to ${dateRange.last}`);

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export const intervals = ['day', 'week', 'month'] as const;
export type Interval = (typeof intervals)[number];

/** `trait.NAME=VALUE` filters ride along in the same query string; `trait.account.NAME` for account traits. */
export const scoresQuerySchema = z.object({
  surveyId: z.uuid({ error: 'must be a survey id (a UUID)' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  interval: z.enum(intervals, { error: 'must be day, week or month' }).optional(),
  /** Days, weeks (from Monday) and date-only `from`/`to` in this zone. */
  tz: z
    .string()
    .max(64)
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Amsterdam')
    .default('UTC')
    .meta({ examples: ['UTC', 'Europe/Amsterdam', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'] }),
  groupBy: z
    .string()
    .regex(/^(account|locale|score|trait:[^\s]{1,100})$/, 'must be account, locale, score or trait:NAME (trait:account.NAME for an account trait)')
    .optional()
    .meta({ examples: ['account', 'locale', 'score', 'trait:plan', 'trait:account.tier'] }),
  /** Below this many answers a score, point, group or account is flagged `lowSample`, and an account gets no trend. */
  minSample: z.coerce
    .number({ error: 'must be a whole number from 1 to 100000' })
    .int('must be a whole number from 1 to 100000')
    .min(1, 'must be a whole number from 1 to 100000')
    .max(100_000, 'must be a whole number from 1 to 100000')
    .default(30),
  /** `true` counts the answers, showings and dismissals recorded in test mode (`show()`) too. */
  includeTest: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
});
export type ScoresQuery = z.infer<typeof scoresQuerySchema>;

const count = z.int().nonnegative();

/** Counts and headline of a set of responses: NPS names its counts, CSAT and CES say low/middle/high. */
export const scoreFields = {
  responses: count,
  nps: z.number().nullable().optional(),
  csat: z.number().nullable().optional(),
  ces: z.number().nullable().optional(),
  marginOfError: z.number().nullable(),
  /** The 95% interval (adjusted Wald for NPS, Wilson for CSAT; see docs/contract.md §2). */
  confidenceInterval: z.object({ low: z.number(), high: z.number() }).nullable(),
  /** Fewer answers than `minSample` (30 unless asked otherwise): read the score with care. */
  lowSample: z.boolean(),
  promoters: count.optional(),
  passives: count.optional(),
  detractors: count.optional(),
  low: count.optional(),
  middle: count.optional(),
  high: count.optional(),
};

export const seriesPointSchema = z.object({
  /** First day of the day, week or month, in the query's time zone. */
  start: z.iso.date(),
  /** The range begins or ends inside this bucket, so it holds only part of its days. */
  partial: z.boolean(),
  ...scoreFields,
  declines: count.nullable(),
  impressions: count.nullable(),
  usersShown: count.nullable(),
});
export type SeriesPoint = z.infer<typeof seriesPointSchema>;

export const scoreGroupSchema = z.object({
  key: z.string(),
  ...scoreFields,
  lastAnswerAt: z.string().nullable(),
});
export type ScoreGroup = z.infer<typeof scoreGroupSchema>;

export const scoresAnswerSchema = z.object({
  type: z.enum(surveyTypes),
  surveyId: z.uuid(),
  ...scoreFields,
  /** Dismissals, beside the score and never in its denominator; with trait filters, of users matching them. */
  declines: count,
  /** Showings; null with trait filters, which showings do not record. */
  impressions: count.nullable(),
  /**
   * People shown the survey, once per round (a round runs from a showing to the user's answer or
   * dismissal, however many times it was shown in between); null with trait filters.
   */
  usersShown: count.nullable(),
  /** Users who answered / users shown (responses / usersShown), from 0 to 1; null when nobody was shown. */
  responseRate: z.number().min(0).max(1).nullable(),
  series: z.array(seriesPointSchema),
  groups: z.array(scoreGroupSchema),
});
export type ScoresAnswer = z.infer<typeof scoresAnswerSchema>;

const surveyText = (max: number) => z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** A survey as vendor endpoints answer it: `settings` with every default filled in. */
export const surveySchema = z.object({
  id: z.uuid(),
  type: z.enum(surveyTypes),
  name: z.string(),
  /** The name the question uses: "How likely are you to recommend {product}…". */
  productName: z.string(),
  isDefault: z.boolean(),
  enabled: z.boolean(),
  settings: surveySettingsSchema,
  createdAt: z.string(),
});
export type SurveyAnswer = z.infer<typeof surveySchema>;

/**
 * `PATCH /v1/surveys/:id`: the fields given change, the rest stay. `settings` is merged into the
 * stored settings object by object (a list or a value replaces what was there; `null` in `wording`
 * removes that locale), then the whole is validated.
 */
export const surveyPatchSchema = z
  .object({
    name: surveyText(100).optional(),
    productName: surveyText(100).optional(),
    enabled: z.boolean({ error: 'must be true or false' }).optional(),
    settings: z.record(z.string(), z.unknown(), { error: 'must be an object' }).optional(),
  })
  .strict();
export type SurveyPatch = z.infer<typeof surveyPatchSchema>;

export const surveyCreateSchema = surveyPatchSchema.extend({
  type: z.enum(surveyTypes, { error: `must be one of ${surveyTypes.join(', ')}` }),
  name: surveyText(100),
  productName: surveyText(100),
});
export type SurveyCreate = z.infer<typeof surveyCreateSchema>;

/** `GET /v1/responses` and `.csv`: the scores filters plus these; `trait.NAME=VALUE` as for scores. */
export const responsesQuerySchema = z.object({
  surveyId: scoresQuerySchema.shape.surveyId,
  from: isoDate.optional(),
  to: isoDate.optional(),
  tz: scoresQuerySchema.shape.tz,
  /** detractor/passive/promoter for NPS, low/middle/high for CSAT and CES. */
  category: z.string().max(20).optional(),
  hasComment: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  /** Words the comment contains, any case. */
  q: z.string().max(200, 'must be at most 200 characters').optional(),
  /** `newest` first (the default), or `score`: lowest first, detractors before everyone else. */
  sort: z.enum(['newest', 'score'], { error: 'must be newest or score' }).default('newest'),
  cursor: z.string().max(500).optional(),
  includeTest: scoresQuerySchema.shape.includeTest,
  limit: z.coerce.number({ error: 'must be a number from 1 to 500' }).int('must be a number from 1 to 500').min(1, 'must be a number from 1 to 500').max(500, 'must be a number from 1 to 500').default(50),
});
export type ResponsesQuery = z.infer<typeof responsesQuerySchema>;

const traitsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

export const storedResponseSchema = z.object({
  id: z.uuid(),
  surveyId: z.uuid(),
  score: z.int(),
  category: z.string(),
  /** Always plain text: show it as text, never as HTML. */
  comment: z.string().nullable(),
  locale: z.string().nullable(),
  url: z.string().nullable(),
  user: z.object({ userId: z.string(), traits: traitsSchema }),
  account: z.object({ id: z.string(), traits: traitsSchema }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Given in test mode (`show()`): listed only with `includeTest=true`, never in a score. */
  test: z.boolean(),
});
export type StoredResponse = z.infer<typeof storedResponseSchema>;

export const responsesPageSchema = z.object({
  data: z.array(storedResponseSchema),
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: z.string().nullable(),
});
