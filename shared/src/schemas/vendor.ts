import { z } from 'zod';
import { surveyTypes } from '../scores.ts';
import { clientUuid } from './ids.ts';
import { importFormats } from './imports.ts';
import { queryInteger } from './query-integer.ts';
import { surveySettingsSchema } from './survey-settings.ts';

/** Dates the API reads: years 1900 to 2199, wide enough for any real answer and exact in every time zone. */
export const dateRange = { first: '1900-01-01', last: '2199-12-31' } as const;

const isoDate = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: 'must be an ISO 8601 date such as 2026-01-31',
  })
  .refine(
    (value) => value.slice(0, 10) >= dateRange.first && value.slice(0, 10) <= dateRange.last,
    `must be a date from ${dateRange.first} to ${dateRange.last}`,
  );

const uuidText = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const surveyIdList = new RegExp(`^${uuidText}(,${uuidText}){0,19}$`);

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

/**
 * `trait[NAME]=VALUE` (or `trait.NAME=VALUE`) filters: the query string itself is read for them
 * (score-query.ts); this field only declares them, in the form generated clients send.
 */
export const traitFiltersSchema = z
  .record(z.string(), z.string().max(200))
  .optional()
  .meta({
    description:
      'Only responses whose user had these trait values: `trait[plan]=pro`, or `trait.plan=pro`; `trait[account.NAME]` for an ' +
      'account trait. Several traits must all match. A value is at most 200 characters.',
    examples: [{ plan: 'pro' }, { 'account.tier': 'smb' }],
    param: { style: 'deepObject', explode: true },
  });

export const scoresQuerySchema = z.object({
  surveyId: clientUuid('must be a survey id (a UUID)').optional().describe("The survey; the site's default survey when left out."),
  surveyIds: z
    .string()
    .regex(surveyIdList, 'must be survey ids (UUIDs) separated by commas, at most 20')
    .optional()
    .meta({
      description: 'Several surveys of one type counted as one (instead of `surveyId`); 400 for mixed types or ids not of this site.',
      examples: ['0f8fad5b-d9cb-469f-a165-70867728950e,7c9e6679-7425-40de-944b-e07fc1f90ae7'],
    }),
  from: isoDate.optional().meta({ description: 'First day (or instant) of the range.', examples: ['2026-01-01'] }),
  to: isoDate.optional().meta({ description: 'Last day of the range, included whole (or the instant it ends).', examples: ['2026-03-31'] }),
  interval: z
    .enum(intervals, { error: 'must be day, week or month' })
    .optional()
    .describe('Adds a `series` with a point per day, week (from Monday) or month.'),
  tz: z
    .string()
    .max(64)
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Amsterdam')
    .default('UTC')
    .meta({
      description: 'Days, weeks (from Monday) and date-only `from`/`to` in this IANA time zone.',
      examples: ['UTC', 'Europe/Amsterdam', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'],
    }),
  groupBy: z
    .string()
    .max(200, 'must be at most 200 characters')
    // Any trait name the site sent (spaces and unicode too); score-query.ts checks its length.
    .regex(
      /^(account|locale|score|trait:[\s\S]+)$/,
      'must be account, locale, score or trait:NAME (trait:account.NAME for an account trait)',
    )
    .optional()
    .meta({
      description: 'Adds `groups`: a score per segment (account, locale, score or trait value).',
      examples: ['account', 'locale', 'score', 'trait:plan', 'trait:account.tier'],
    }),
  minSample: queryInteger(1, 100_000, 30).describe(
    'Below this many responses a score, point, segment or account is flagged `lowSample`, and an account gets no trend.',
  ),
  includeTest: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .describe('`true` counts the responses, impressions and declines recorded in test mode (`show()`) too.'),
  trait: traitFiltersSchema,
});
export type ScoresQuery = z.infer<typeof scoresQuerySchema>;

const surveyText = (max: number) => z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const surveySchema = z
  .object({
    id: z.uuid(),
    type: z.enum(surveyTypes),
    name: z.string().meta({ examples: ['NPS'] }),
    productName: z
      .string()
      .meta({ description: 'The name the question uses: "How likely are you to recommend {product}…".', examples: ['Acme'] }),
    isDefault: z.boolean().describe("The site's default survey, used when a call names none."),
    enabled: z.boolean(),
    settings: surveySettingsSchema,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Survey', description: 'A survey as vendor endpoints answer it: `settings` with every default filled in.' });
export type SurveyAnswer = z.infer<typeof surveySchema>;

export const surveyListSchema = z
  .object({ data: z.array(surveySchema).describe('The default survey first, then the oldest first.') })
  .meta({ id: 'SurveyList' });

/**
 * `PATCH /v1/surveys/:id`: the fields given change, the rest stay. `settings` is merged into the
 * stored settings object by object (a list or a value replaces what was there; `null` in `wording`
 * removes that locale, or one text of it), then the whole is validated.
 */
export const surveyPatchSchema = z
  .object({
    name: surveyText(100).optional(),
    productName: surveyText(100).optional(),
    enabled: z.boolean({ error: 'must be true or false' }).optional(),
    settings: z
      .record(z.string(), z.unknown(), { error: 'must be an object' })
      .optional()
      .meta({
        description: 'Any part of the `SurveySettings`, merged into what is stored.',
        examples: [{ throttle: { daysAfterResponse: 60 }, sampling: { percent: 50 } }],
      }),
  })
  .strict()
  .meta({ id: 'SurveyPatch' });
export type SurveyPatch = z.infer<typeof surveyPatchSchema>;

export const surveyCreateSchema = surveyPatchSchema
  .extend({
    type: z.enum(surveyTypes, { error: `must be one of ${surveyTypes.join(', ')}` }),
    name: surveyText(100).meta({ examples: ['Support CSAT'] }),
    productName: surveyText(100).meta({ examples: ['Acme'] }),
  })
  .meta({ id: 'SurveyCreate' });
export type SurveyCreate = z.infer<typeof surveyCreateSchema>;

/** `GET /v1/responses` and `.csv`: the scores filters plus these. */
export const responsesQuerySchema = z.object({
  surveyId: scoresQuerySchema.shape.surveyId,
  surveyIds: scoresQuerySchema.shape.surveyIds,
  from: scoresQuerySchema.shape.from,
  to: scoresQuerySchema.shape.to,
  tz: scoresQuerySchema.shape.tz,
  category: z
    .string()
    .max(20)
    .optional()
    .meta({ description: 'detractor/passive/promoter for NPS, low/middle/high for CSAT and CES.', examples: ['detractor'] }),
  hasComment: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .optional()
    .describe('Only responses with (or without) a comment.'),
  q: z
    .string()
    .max(200, 'must be at most 200 characters')
    .optional()
    .meta({ description: 'Words the comment contains, any case.', examples: ['slow'] }),
  sort: z
    .enum(['newest', 'score'], { error: 'must be newest or score' })
    .default('newest')
    .describe('`newest` first, or `score`: lowest first, detractors before everyone else.'),
  cursor: z.string().max(500).optional().describe('The `nextCursor` of the page before.'),
  includeTest: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .describe('`true` lists the responses given in test mode (`show()`) too, each marked `test: true`.'),
  limit: queryInteger(1, 500, 50).describe('Responses per page.'),
  trait: traitFiltersSchema,
});
export type ResponsesQuery = z.infer<typeof responsesQuerySchema>;

const storedTraits = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
  .describe('The traits as they were when the response was given.');

export const storedResponseSchema = z
  .object({
    id: z.uuid(),
    surveyId: z.uuid(),
    score: z.int().meta({ examples: [9] }),
    category: z.string().meta({ examples: ['promoter'] }),
    comment: z
      .string()
      .nullable()
      .meta({ description: 'Always plain text: show it as text, never as HTML.', examples: ['Invoicing got so much quicker.'] }),
    locale: z.string().nullable(),
    url: z.string().nullable(),
    user: z.object({ userId: z.string(), traits: storedTraits }),
    account: z.object({ id: z.string(), traits: storedTraits }).nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    test: z.boolean().describe('Given in test mode (`show()`): listed only with `includeTest=true`, never in a score.'),
    importedFrom: z
      .enum(importFormats)
      .nullable()
      .describe('The export this response was imported from (`POST /v1/imports/responses`); null for an answer given in the widget.'),
  })
  .meta({ id: 'StoredResponse' });
export type StoredResponse = z.infer<typeof storedResponseSchema>;

export const responsesPageSchema = z
  .object({
    data: z.array(storedResponseSchema),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last one.'),
  })
  .meta({ id: 'ResponsesPage' });
