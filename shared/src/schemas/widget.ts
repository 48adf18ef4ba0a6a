import { z } from 'zod';
import { surveyTypes } from '../scores.ts';
import { userSchema } from './users.ts';
import { surveyPositions, surveyThemes } from './survey-settings.ts';

const thankYouLink = z.object({ url: z.string(), label: z.string() }).nullable();

export const siteKeySchema = z
  .string({ error: "must be the site's public key (pk_…)" })
  .regex(/^pk_[A-Za-z0-9_-]{8,64}$/, "must be the site's public key (pk_…)");

const surveyId = z.uuid({ error: 'must be a survey id (a UUID)' });
const pageUrl = z.url({ error: 'must be an absolute URL' }).max(2000, 'must be at most 2000 characters');

const widgetCall = {
  siteKey: siteKeySchema,
  user: userSchema,
  surveyId: surveyId.optional(),
};

export const eligibilityRequestSchema = z.object({
  ...widgetCall,
  event: z.string().min(1).max(100, 'must be at most 100 characters').optional(),
  url: pageUrl.optional(),
  /** `show()`: skip the throttles; honoured only while the site is in test mode. */
  show: z.boolean().optional(),
  /** The survey's delay has passed with the user still on the page: record the showing now. */
  waited: z.boolean().optional(),
});
export type EligibilityRequest = z.infer<typeof eligibilityRequestSchema>;

/** The showing an impression or decline belongs to; sending it again records nothing new. */
const impressionId = z.uuid({ error: 'must be the impressionId of the eligibility answer' });

/** Sent for a survey shown by `show()`; honoured only while the site is in test mode, and kept out of scores. */
const test = z.boolean({ error: 'must be true or false' }).optional();

export const impressionRequestSchema = z.object({ ...widgetCall, impressionId: impressionId.optional(), test });
export const declineRequestSchema = z.object({ ...widgetCall, impressionId: impressionId.optional(), test });

export const responseRequestSchema = z.object({
  ...widgetCall,
  id: z.uuid({ error: 'must be a UUID made by the client' }),
  score: z.int({ error: 'must be an integer from 0 to 10' }).min(0, 'must be an integer from 0 to 10').max(10, 'must be an integer from 0 to 10'),
  comment: z.string({ error: 'must be a string' }).max(5000, 'must be at most 5000 characters').optional(),
  locale: z.string().max(35).optional(),
  url: pageUrl.optional(),
  test,
});
export type ResponseRequest = z.infer<typeof responseRequestSchema>;

export const ineligibleReasons = [
  'too_new',
  'recently_responded',
  'recently_declined',
  'recently_shown',
  'not_sampled',
  'not_targeted',
  'no_trigger',
  'daily_cap',
  'survey_off',
] as const;
export type IneligibleReason = (typeof ineligibleReasons)[number];

const bandTexts = z.object({ low: z.string(), middle: z.string(), high: z.string() });

/** Everything the widget needs to render a survey, already in the user's language. */
export const surveyStringsSchema = z.object({
  question: z.string(),
  lowLabel: z.string(),
  highLabel: z.string(),
  followUp: bandTexts,
  placeholder: z.string(),
  thanks: bandTexts,
  submit: z.string(),
  close: z.string(),
  /** "{score} out of {max}", for the rating buttons' accessible names. */
  scoreLabel: z.string(),
});
export type SurveyStrings = z.infer<typeof surveyStringsSchema>;

export const renderableSurveySchema = z.object({
  id: z.uuid(),
  /** This showing, recorded when the answer was given; send it with the impression and decline. */
  impressionId: z.uuid(),
  type: z.enum(surveyTypes),
  locale: z.string(),
  dir: z.enum(['ltr', 'rtl']),
  scale: z.object({ min: z.int(), max: z.int(), lowMax: z.int(), middleMax: z.int() }),
  strings: surveyStringsSchema,
  appearance: z.object({
    brandColor: z.string(),
    /** Black or white, whichever reads better on the brand colour. */
    onBrandColor: z.string(),
    theme: z.enum(surveyThemes),
    position: z.enum(surveyPositions),
    delaySeconds: z.int(),
  }),
  thankYouLinks: z.object({ low: thankYouLink, middle: thankYouLink, high: thankYouLink }),
});
export type RenderableSurvey = z.infer<typeof renderableSurveySchema>;

/** What the developer should fix in the call, though it was answered: traits that were not kept, say. */
const warnings = z.array(z.string()).optional();

export const eligibilityAnswerSchema = z.discriminatedUnion('eligible', [
  z.object({ eligible: z.literal(true), survey: renderableSurveySchema, warnings }),
  z.object({
    eligible: z.literal(false),
    warnings,
    reason: z.enum(ineligibleReasons),
    /** Seconds until the answer may change, when that is known. */
    retryAfter: z.int().positive().optional(),
    /** The reason in words, for the developer asking "why isn't it showing?". */
    detail: z.string().optional(),
  }),
]);
export type EligibilityAnswer = z.infer<typeof eligibilityAnswerSchema>;

export const responseAnswerSchema = z.object({
  id: z.uuid(),
  surveyId: z.uuid(),
  score: z.int(),
  category: z.string(),
  warnings,
});
export type ResponseAnswer = z.infer<typeof responseAnswerSchema>;
