import { z } from 'zod';
import { surveyTypes } from '../scores.ts';
import { surveySettingsSchema } from './survey-settings.ts';

const isoDate = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'must be an ISO 8601 date such as 2026-01-31',
});

export const scoresQuerySchema = z.object({
  surveyId: z.uuid({ error: 'must be a survey id (a UUID)' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type ScoresQuery = z.infer<typeof scoresQuerySchema>;

const count = z.int().nonnegative();

export const scoresAnswerSchema = z.object({
  type: z.enum(surveyTypes),
  surveyId: z.uuid(),
  nps: z.number().nullable().optional(),
  csat: z.number().nullable().optional(),
  ces: z.number().nullable().optional(),
  marginOfError: z.number().nullable(),
  responses: count,
  promoters: count.optional(),
  passives: count.optional(),
  detractors: count.optional(),
  low: count.optional(),
  middle: count.optional(),
  high: count.optional(),
  declines: count,
  impressions: count,
  /** Users who answered / users shown, from 0 to 1; null when nobody was shown the survey. */
  responseRate: z.number().min(0).max(1).nullable(),
  series: z.array(z.unknown()),
  groups: z.array(z.unknown()),
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
