import { z } from 'zod';

const days = (fallback: number) => z.int('must be a whole number of days').min(0).max(3650).default(fallback);

const traitRuleSchema = z.object({
  /** A user trait (`role`), or an account trait with the `account.` prefix (`account.plan`). */
  trait: z.string().min(1).max(100),
  values: z.array(z.union([z.string().max(1000), z.number(), z.boolean()])).min(1).max(100),
});
export type TraitRule = z.infer<typeof traitRuleSchema>;

/** Who is asked and how often; every field has the default a vendor gets without saying anything. */
export const surveySettingsSchema = z.object({
  throttle: z
    .object({
      /** First survey only this long after the user's `createdAt`. */
      daysAfterSignUp: days(30),
      daysAfterResponse: days(90),
      daysAfterDecline: days(30),
      /** A survey shown and neither answered nor dismissed is not shown again for this long. */
      hoursAfterImpression: z.int().min(0).max(8760).default(24),
      /** This many ignored showings in a row count as a decline. */
      ignoredImpressionsAsDecline: z.int().min(1).max(100).default(3),
    })
    .prefault({}),
  sampling: z
    .object({
      percent: z.number().min(0).max(100).default(100),
      /** A user keeps the same sampling answer within a period of this many days. */
      periodDays: z.int().min(1).max(365).default(30),
    })
    .prefault({}),
  /** At most this many showings of the survey per UTC day; null for no cap. */
  dailyCap: z.int().positive().nullable().default(null),
  /** B2B: at most `users` users of one account shown the survey per `days` days. */
  accountCap: z.object({ users: z.int().positive(), days: z.int().positive().max(3650) }).nullable().default(null),
  targeting: z
    .object({
      /** Every rule must match. */
      include: z.array(traitRuleSchema).max(50).default([]),
      /** No rule may match. */
      exclude: z.array(traitRuleSchema).max(50).default([]),
      /** The vendor's own staff, for instance. */
      excludeEmailDomains: z.array(z.string().min(1).max(253)).max(100).default([]),
      requireCreatedAt: z.boolean().default(false),
    })
    .prefault({}),
  /** When set, the survey is eligible only right after `track(triggerEvent)`. */
  triggerEvent: z.string().min(1).max(100).nullable().default(null),
});
export type SurveySettings = z.infer<typeof surveySettingsSchema>;
