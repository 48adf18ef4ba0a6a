import { z } from 'zod';
import { surveyTypes } from '../scores.ts';
import { clientUuid } from './ids.ts';
import { surveyPositions, surveyThemes } from './survey-settings.ts';
import { languageTag, userSchema } from './users.ts';

const thankYouLink = z.object({ url: z.string(), label: z.string() }).nullable();

export const siteKeySchema = z
  .string({ error: "must be the site's public key (pk_…)" })
  .regex(/^pk_[A-Za-z0-9_-]{8,64}$/, "must be the site's public key (pk_…)")
  .meta({ description: "The site's public key, as on the script tag's `data-site-key`.", examples: ['pk_3f9a8b7c6d5e4f3a'] });

const surveyId = clientUuid('must be a survey id (a UUID)').describe("The survey; the site's default survey when left out.");
const pageUrl = z
  .url({ error: 'must be an absolute URL' })
  .max(2000, 'must be at most 2000 characters')
  .meta({ description: 'The page the user is on.', examples: ['https://app.acme.io/invoices'] });

const widgetCall = {
  siteKey: siteKeySchema,
  user: userSchema,
  surveyId: surveyId.optional(),
};

export const eligibilityRequestSchema = z
  .object({
    ...widgetCall,
    event: z
      .string()
      .min(1)
      .max(100, 'must be at most 100 characters')
      .optional()
      .meta({ description: 'The event just tracked with `track()`, for a survey with a `triggerEvent`.', examples: ['invoice_sent'] }),
    url: pageUrl.optional(),
    show: z.boolean().optional().describe('`show()`: skip the throttles; honoured only while the site is in test mode.'),
    waited: z.boolean().optional().describe("The survey's delay has passed with the user still on the page: record the impression now."),
  })
  .strict()
  .meta({ id: 'EligibilityRequest' });
export type EligibilityRequest = z.infer<typeof eligibilityRequestSchema>;

const impressionId = clientUuid('must be the impressionId of the eligibility answer').describe(
  'The impression (the `impressionId` of the eligibility answer) this belongs to; sending it again records nothing new.',
);

const test = z
  .boolean({ error: 'must be true or false' })
  .optional()
  .describe('Sent for a survey shown by `show()`; honoured only while the site is in test mode, and kept out of scores.');

export const impressionRequestSchema = z
  .object({ ...widgetCall, impressionId: impressionId.optional(), test })
  .strict()
  .meta({ id: 'ImpressionRequest' });
export const declineRequestSchema = z
  .object({ ...widgetCall, impressionId: impressionId.optional(), test })
  .strict()
  .meta({ id: 'DeclineRequest' });

export const responseRequestSchema = z
  .object({
    ...widgetCall,
    id: clientUuid('must be a UUID made by the client').describe(
      'Made by the client: sending the same id again (a retry, or the comment added later) updates that response.',
    ),
    // Bounded by the survey's own scale once the survey is known, so that the error names that scale.
    score: z
      .int({ error: 'must be an integer' })
      .meta({ description: "On the survey's scale: 0–10 (NPS), 1–5 (CSAT), 1–7 (CES).", examples: [9], minimum: 0, maximum: 10 }),
    comment: z
      .string({ error: 'must be a string' })
      .max(5000, 'must be at most 5000 characters')
      .optional()
      .meta({ description: 'Plain text.', examples: ['Invoicing got so much quicker.'] }),
    locale: languageTag.optional().meta({ description: 'The language the survey was shown in.', examples: ['nl'] }),
    url: pageUrl.optional(),
    test,
  })
  .strict()
  .meta({ id: 'ResponseRequest' });
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
/** What the widget may hear: the rules' reasons, and `busy` when the API sheds load for a moment. */
export const notNowReasons = [...ineligibleReasons, 'busy'] as const;

const bandTexts = z.object({ low: z.string(), middle: z.string(), high: z.string() });

export const surveyStringsSchema = z
  .object({
    question: z.string(),
    lowLabel: z.string(),
    highLabel: z.string(),
    followUp: bandTexts,
    placeholder: z.string(),
    thanks: bandTexts,
    submit: z.string(),
    close: z.string(),
    scoreLabel: z.string().describe('"{score} out of {max}", for the score buttons\' accessible names.'),
  })
  .meta({ id: 'SurveyStrings', description: "The survey's words, already in the user's language." });
export type SurveyStrings = z.infer<typeof surveyStringsSchema>;

export const renderableSurveySchema = z
  .object({
    id: z.uuid(),
    impressionId: z.uuid().describe('The impression this answer recorded; send it with `/v1/impressions` and `/v1/declines`.'),
    type: z.enum(surveyTypes),
    locale: z.string(),
    dir: z.enum(['ltr', 'rtl']),
    scale: z.object({ min: z.int(), max: z.int(), lowMax: z.int(), middleMax: z.int() }),
    strings: surveyStringsSchema,
    appearance: z.object({
      brandColor: z.string(),
      onBrandColor: z.string().describe('Black or white, whichever reads better on the brand colour.'),
      theme: z.enum(surveyThemes),
      position: z.enum(surveyPositions),
      delaySeconds: z.int(),
    }),
    thankYouLinks: z.object({ low: thankYouLink, middle: thankYouLink, high: thankYouLink }),
  })
  .meta({ id: 'RenderableSurvey', description: "Everything the widget needs to render a survey, already in the user's language." });
export type RenderableSurvey = z.infer<typeof renderableSurveySchema>;

const warnings = z
  .array(z.string())
  .optional()
  .describe('What the developer should fix in the call, though it was answered: traits that were not kept, say.');

export const eligibilityAnswerSchema = z
  .discriminatedUnion('eligible', [
    z.object({ eligible: z.literal(true), survey: renderableSurveySchema, warnings }).meta({ id: 'Eligible' }),
    z
      .object({
        eligible: z.literal(false),
        warnings,
        reason: z
          .enum(notNowReasons)
          .describe(
            'Why not now; `survey_off` when the survey is switched off; `busy` when the API is shedding load: ' +
              'it always comes with `retryAfter`, and nothing about the user was read or written.',
          ),
        retryAfter: z.int().positive().optional().describe('Seconds until the answer may change, when that is known.'),
        detail: z.string().optional().describe('The reason in words, for the developer asking "why isn\'t it showing?".'),
      })
      .meta({ id: 'NotEligible' }),
  ])
  .meta({ id: 'EligibilityAnswer' });
export type EligibilityAnswer = z.infer<typeof eligibilityAnswerSchema>;

export const responseAnswerSchema = z
  .object({
    id: z.uuid(),
    surveyId: z.uuid(),
    score: z.int(),
    category: z
      .string()
      .meta({ description: 'detractor, passive or promoter for NPS; low, middle or high for CSAT and CES.', examples: ['promoter'] }),
    warnings,
  })
  .meta({ id: 'ResponseAnswer' });
export type ResponseAnswer = z.infer<typeof responseAnswerSchema>;
