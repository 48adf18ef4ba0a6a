import { z } from 'zod';

const count = z.int().nonnegative();
const traitsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/** `GET /v1/users/:userId`: everything stored about one user, as a data-subject access request needs it. */
export const userExportSchema = z
  .object({
    user: z
      .object({
        userId: z.string(),
        email: z.string().nullable(),
        accountId: z.string().nullable(),
        traits: traitsSchema,
        locale: z.string().nullable(),
        signedUpAt: z.string().nullable(),
        firstSeenAt: z.string(),
        lastSeenAt: z.string(),
      })
      .nullable()
      .describe('Null when only responses, declines, impressions or deliveries about the user are left.'),
    account: z
      .object({ accountId: z.string(), name: z.string().nullable(), traits: traitsSchema })
      .nullable()
      .describe("The user's account as last identified, with its traits; null when the user has none."),
    responses: z.array(
      z.object({
        id: z.uuid(),
        surveyId: z.uuid(),
        score: z.int(),
        category: z.string(),
        comment: z.string().nullable(),
        locale: z.string().nullable(),
        url: z.string().nullable(),
        userTraits: traitsSchema,
        accountTraits: traitsSchema,
        createdAt: z.string(),
        updatedAt: z.string(),
      }),
    ),
    declines: z
      .array(
        z.object({
          id: z.uuid(),
          surveyId: z.uuid(),
          locale: z.string().nullable(),
          userTraits: traitsSchema,
          accountTraits: traitsSchema,
          createdAt: z.string(),
        }),
      )
      .describe('The times the user closed the survey without a score.'),
    impressions: z
      .array(z.object({ id: z.uuid(), surveyId: z.uuid(), shownAt: z.string() }))
      .describe('The times the survey was shown to the user.'),
    webhookDeliveries: z
      .array(
        z.object({
          id: z.string(),
          webhookId: z.string(),
          url: z.string(),
          event: z.string(),
          status: z.string(),
          data: z.record(z.string(), z.unknown()),
          createdAt: z.string(),
          deliveredAt: z.string().nullable(),
        }),
      )
      .describe('What webhooks carried or will carry about the user, and to which URL.'),
  })
  .meta({ id: 'UserExport', description: 'Everything stored about one user, as a data-subject access request needs it.' });

export const userErasureSchema = z
  .object({ erased: z.object({ responses: count, declines: count, impressions: count, webhookDeliveries: count }) })
  .meta({
    id: 'UserErasure',
    description: 'How many of each were erased.',
    examples: [{ erased: { responses: 2, declines: 1, impressions: 5, webhookDeliveries: 2 } }],
  });

export const webhookTestAnswerSchema = z
  .object({
    delivered: z.boolean().describe('The receiver answered 2xx within 10 s.'),
    status: z.int().nullable().describe("The receiver's HTTP status; null when it never answered."),
    error: z
      .string()
      .nullable()
      .meta({ examples: ['timed out after 10 s'] }),
  })
  .meta({ id: 'WebhookTestResult', description: 'How the receiver answered.' });

export const secretKeyAnswerSchema = z
  .object({
    secretKey: z
      .string()
      .regex(/^sk_/)
      .meta({ examples: ['sk_9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f'] }),
  })
  .meta({ id: 'SecretKey', description: 'The new key, shown this once.' });

export const healthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
export const readinessSchema = z.object({ status: z.literal('ready') }).meta({ id: 'Readiness' });
