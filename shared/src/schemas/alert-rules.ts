import { z } from 'zod';
import { clientUuid } from './ids.ts';

export const alertCategories = ['detractor', 'passive', 'promoter', 'low', 'middle', 'high'] as const;
export const alertTraitOps = ['equals', 'in', 'gte', 'lte'] as const;

const traitValue = z.union([z.string().max(200, 'must be at most 200 characters'), z.number(), z.boolean()], {
  error: 'must be text (at most 200 characters), a number or true/false',
});

const accountTrait = z
  .object({
    trait: z
      .string({ error: 'must be the name of an account trait' })
      .min(1, 'must not be empty')
      .max(100, 'must be at most 100 characters')
      .describe('An account trait’s name, without `account.` (`plan`, `seats`).'),
    op: z.enum(alertTraitOps, { error: `must be one of ${alertTraitOps.join(', ')}` }),
    value: z
      .union([traitValue, z.array(traitValue).min(1, 'must name at least one value').max(50, 'must be at most 50 values')])
      .describe('One value; a list for `in`; a number for `gte` and `lte`.'),
  })
  .strict()
  .superRefine((condition, context) => {
    const isList = Array.isArray(condition.value);
    if (condition.op === 'in' && !isList) context.addIssue({ code: 'custom', path: ['value'], message: 'must be a list for in' });
    if (condition.op !== 'in' && isList)
      context.addIssue({ code: 'custom', path: ['value'], message: `must be one value for ${condition.op}` });
    if ((condition.op === 'gte' || condition.op === 'lte') && typeof condition.value !== 'number')
      context.addIssue({ code: 'custom', path: ['value'], message: `must be a number for ${condition.op}` });
  });

export const alertConditionsSchema = z
  .object({
    categories: z
      .array(z.enum(alertCategories, { error: `must be one of ${alertCategories.join(', ')}` }), { error: 'must be a list of categories' })
      .min(1, 'must name at least one category')
      .max(6)
      .optional()
      .describe('Only responses of these categories (detractor… for NPS, low… for any survey type).'),
    withComment: z
      .boolean({ error: 'must be true or false' })
      .optional()
      .describe('true: only responses with a comment; the rule then alerts when the comment arrives.'),
    surveyIds: z
      .array(clientUuid('must be a survey id (a UUID)'), { error: 'must be a list of survey ids' })
      .min(1, 'must name at least one survey')
      .max(20, 'must be at most 20 surveys')
      .optional(),
    accountTraits: z
      .array(accountTrait, { error: 'must be a list of account trait conditions' })
      .min(1)
      .max(10, 'must be at most 10 conditions')
      .optional()
      .describe('All must hold, on the account’s traits as the response recorded them.'),
    accountScoreDrop: z
      .object({
        points: z.number({ error: 'must be a number' }).positive('must be more than 0').max(200, 'must be at most 200'),
        minResponses: z.int({ error: 'must be a whole number' }).min(2, 'must be at least 2').max(1000, 'must be at most 1000').default(5),
      })
      .strict()
      .optional()
      .describe(
        "The account's score on the response's survey, over the 90 days up to the response (test answers aside), is at least " +
          '`points` lower with this response than without it, counting at least `minResponses` responses with it.',
      ),
  })
  .strict()
  .meta({ id: 'AlertConditions', description: 'Every condition given must hold; none given: every response.' });
export type AlertConditions = z.infer<typeof alertConditionsSchema>;

export const alertDestinationSchema = z
  .discriminatedUnion(
    'kind',
    [
      z
        .object({
          kind: z.literal('email'),
          memberIds: z
            .array(clientUuid('must be a member id (a UUID)'), { error: 'must be a list of member ids' })
            .min(1, 'must name at least one member')
            .max(50, 'must be at most 50 members')
            .describe('Members of the site’s organization; a rule `for: member` emails its maker alone and ignores this.'),
        })
        .strict(),
      z
        .object({
          kind: z.literal('chat'),
          url: z
            .url({ protocol: /^https?$/, error: 'must be an https URL' })
            .max(2000, 'must be at most 2000 characters')
            .describe('A chat channel’s incoming webhook (Slack’s format); private and loopback addresses are refused.'),
        })
        .strict(),
    ],
    { error: 'must be { kind: email, memberIds } or { kind: chat, url }' },
  )
  .meta({ id: 'AlertDestination' });
export type AlertDestination = z.infer<typeof alertDestinationSchema>;

const name = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[^\p{Cc}]+$/u, 'must not contain control characters');

export const alertRuleCreateSchema = z
  .object({
    name,
    scope: z
      .enum(['member', 'team'], { error: 'must be member or team' })
      .default('member')
      .describe('`member`: emails its maker alone (any role); `team`: emails the members named, or a chat channel (admins, full keys).'),
    conditions: alertConditionsSchema.default({}),
    destination: alertDestinationSchema.optional().describe('Left out for a `member` rule: email to its maker.'),
    frequency: z
      .enum(['immediate', 'hourly'], { error: 'must be immediate or hourly' })
      .default('immediate')
      .describe('`hourly`: the matches of an hour gathered into one message at the top of the next hour.'),
  })
  .strict()
  .meta({ id: 'AlertRuleCreate' });
export type AlertRuleCreate = z.infer<typeof alertRuleCreateSchema>;

export const alertRulePatchSchema = z
  .object({
    name: name.optional(),
    conditions: alertConditionsSchema.optional(),
    destination: alertDestinationSchema.optional(),
    frequency: alertRuleCreateSchema.shape.frequency.unwrap().optional(),
    paused: z.boolean({ error: 'must be true or false' }).optional().describe('true pauses the rule; false resumes it.'),
  })
  .strict()
  .meta({ id: 'AlertRulePatch', description: 'The fields given change, the rest stay; the scope never changes.' });
export type AlertRulePatch = z.infer<typeof alertRulePatchSchema>;

export const alertRuleSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    scope: z.enum(['member', 'team']),
    createdBy: z.object({ memberId: z.uuid(), name: z.string() }).nullable().describe('Null for a rule a key made.'),
    conditions: alertConditionsSchema,
    destination: alertDestinationSchema,
    frequency: z.enum(['immediate', 'hourly']),
    paused: z.boolean(),
    lastSentAt: z.iso.datetime().nullable(),
    lastError: z.string().nullable().describe('The latest send that failed, and why; null once a later one succeeds.'),
    pending: z.int().describe('Matches waiting to be sent (gathered for the hour, or being retried).'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'AlertRule' });
export type AlertRuleAnswer = z.infer<typeof alertRuleSchema>;

export const alertRuleListSchema = z
  .object({ data: z.array(alertRuleSchema).describe('Team rules and your own, oldest first.') })
  .meta({ id: 'AlertRuleList' });

export const alertTestAnswerSchema = z
  .object({
    sent: z.boolean(),
    to: z.array(z.string()).describe('The addresses emailed, or the chat URL’s host.'),
    error: z.string().nullable(),
  })
  .meta({ id: 'AlertTestAnswer' });
