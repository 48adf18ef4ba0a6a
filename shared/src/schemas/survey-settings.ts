import { z } from 'zod';

const days = (fallback: number) => z.int('must be a whole number of days').min(0).max(3650).default(fallback);

const traitRuleSchema = z
  .object({
    trait: z
      .string()
      .min(1)
      .max(100)
      .meta({
        description: 'A user trait (`role`), or an account trait with the `account.` prefix (`account.plan`).',
        examples: ['plan', 'account.tier'],
      }),
    values: z
      .array(z.union([z.string().max(1000), z.number(), z.boolean()]))
      .min(1)
      .max(100)
      .meta({ description: 'The rule matches when the trait has one of these values.', examples: [['pro', 'enterprise']] }),
  })
  .meta({ id: 'TraitRule' });
export type TraitRule = z.infer<typeof traitRuleSchema>;

const text = (max: number) => z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

const bandTexts = z
  .object({ low: text(500), middle: text(500), high: text(500) })
  .partial()
  .strict();

const wordingSchema = z
  .object({
    question: text(300),
    lowLabel: text(60),
    highLabel: text(60),
    followUp: bandTexts,
    placeholder: text(200),
    thanks: bandTexts,
    submit: text(40),
  })
  .partial()
  .strict()
  .meta({ id: 'Wording', description: "A vendor's own words for one locale, over the built-in ones; `{product}` is the product's name." });
export type Wording = z.infer<typeof wordingSchema>;

const localeTag = z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a language tag such as nl or pt-BR');

const thankYouLinkSchema = z
  .object({
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
      .max(2000)
      .describe('Only http(s): a link in the widget must never run script.'),
    label: text(80),
  })
  .meta({ id: 'ThankYouLink', examples: [{ url: 'https://www.trustpilot.com/review/acme.io', label: 'Rate us on Trustpilot' }] });

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb');

export const surveyPositions = ['bottom-right', 'bottom-bar', 'modal'] as const;
export const surveyThemes = ['light', 'dark', 'auto'] as const;

export const surveySettingsSchema = z
  .object({
    appearance: z
      .object({
        brandColor: hexColor.default('#4f46e5'),
        theme: z.enum(surveyThemes).default('auto').describe("`auto` follows the user's system setting."),
        position: z.enum(surveyPositions).default('bottom-right'),
        delaySeconds: z
          .int()
          .min(0)
          .max(600)
          .default(0)
          .describe('Shown this long after `run()`; dropped if the user has moved to another page by then.'),
      })
      .prefault({}),
    wording: z
      .record(localeTag, wordingSchema)
      .default({})
      .describe('Per locale (`nl`, `pt-BR`); a locale without an entry, or a text left out, keeps the built-in words.'),
    thankYouLinks: z
      .object({
        low: thankYouLinkSchema.nullable().default(null),
        middle: thankYouLinkSchema.nullable().default(null),
        high: thankYouLinkSchema.nullable().default(null),
      })
      .prefault({})
      .describe('After responding, a link per category, e.g. promoters to a review page.'),
    throttle: z
      .object({
        daysAfterSignUp: days(30).describe("First survey only this long after the user's `createdAt`."),
        daysAfterResponse: days(90).describe('Not asked again this long after responding.'),
        daysAfterDecline: days(30).describe('Not asked again this long after closing the survey without a score.'),
        hoursAfterImpression: z
          .int()
          .min(0)
          .max(8760)
          .default(24)
          .describe('A survey shown and neither responded to nor declined is not shown again for this long.'),
        ignoredImpressionsAsDecline: z
          .int()
          .min(1)
          .max(100)
          .default(3)
          .describe('This many ignored impressions in a row count as a decline.'),
      })
      .prefault({}),
    sampling: z
      .object({
        percent: z.number().min(0).max(100).default(100).describe('The share of eligible users asked.'),
        periodDays: z
          .int()
          .min(1)
          .max(365)
          .default(30)
          .describe('A user keeps the same sampling answer within a period of this many days.'),
      })
      .prefault({}),
    dailyCap: z
      .int()
      .positive()
      .nullable()
      .default(null)
      .describe('At most this many impressions of the survey per UTC day; null for no cap.'),
    accountCap: z
      .object({ users: z.int().positive(), days: z.int().positive().max(3650) })
      .nullable()
      .default(null)
      .describe('B2B: at most `users` users of one account shown the survey per `days` days.'),
    targeting: z
      .object({
        include: z.array(traitRuleSchema).max(50).default([]).describe('Every rule must match.'),
        exclude: z.array(traitRuleSchema).max(50).default([]).describe('No rule may match.'),
        excludeEmailDomains: z
          .array(z.string().min(1).max(253))
          .max(100)
          .default([])
          .meta({
            description: "Users whose email is at these domains are never asked: the vendor's own staff, for instance.",
            examples: [['acme.io']],
          }),
        requireCreatedAt: z.boolean().default(false).describe('Only users whose `createdAt` is known are asked.'),
      })
      .prefault({}),
    triggerEvent: z
      .string()
      .min(1)
      .max(100)
      .nullable()
      .default(null)
      .describe('When set, the survey is eligible only right after `track(triggerEvent)`.'),
    segmentTraits: z
      .array(z.string().min(1, 'must not be empty').max(108, 'must be at most 108 characters'))
      .max(20, 'must list at most 20 traits')
      .refine((names) => new Set(names).size === names.length, 'must not list a trait twice')
      .default(['plan', 'role', 'account.plan', 'account.tier'])
      .describe(
        'The traits whose values the score tallies keep as segments (`plan`, `account.tier`), for fast filters and `groupBy`; any ' +
          'other trait is read from the responses themselves, more slowly. Never list a personal trait (an email, a name): each ' +
          'value becomes a segment.',
      ),
  })
  .meta({
    id: 'SurveySettings',
    description: 'Who is asked and how often; every field has the default a vendor gets without saying anything.',
  });
export type SurveySettings = z.infer<typeof surveySettingsSchema>;
