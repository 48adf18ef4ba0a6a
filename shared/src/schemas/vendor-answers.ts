import { z } from 'zod';
import { surveyTypes } from '../scores.ts';
import { scoreFields } from './vendor.ts';

const count = z.int().nonnegative();
const traitsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
const headline = z.number().nullable().optional();

/** `GET /v1/accounts`: each account's score over the range, and its trend against the range before. */
export const accountsAnswerSchema = z.object({
  type: z.enum(surveyTypes),
  from: z.string(),
  to: z.string(),
  data: z.array(
    z.object({
      accountId: z.string(),
      name: z.string().nullable(),
      traits: traitsSchema,
      ...scoreFields,
      lastAnswerAt: z.string().nullable(),
      previous: z.object({ responses: count, nps: headline, csat: headline, ces: headline }).nullable(),
      /** Points (NPS, CSAT) or score (CES) gained since the previous range; null without answers in both. */
      trend: z.number().nullable(),
      /** Why `trend` is null: too few answers in either period (below `minSample`), or none before. */
      trendReason: z.string().nullable(),
    }),
  ),
});

/** `GET /v1/users/:userId`: everything stored about one user, as a data-subject access request needs it. */
export const userExportSchema = z.object({
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
    .nullable(),
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
  declines: z.array(
    z.object({ id: z.uuid(), surveyId: z.uuid(), locale: z.string().nullable(), userTraits: traitsSchema, accountTraits: traitsSchema, createdAt: z.string() }),
  ),
  impressions: z.array(z.object({ id: z.uuid(), surveyId: z.uuid(), shownAt: z.string() })),
  webhookDeliveries: z.array(
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
  ),
});

/** `DELETE /v1/users/:userId`: how many rows of each kind were erased. */
export const userErasureSchema = z.object({ erased: z.object({ responses: count, declines: count, impressions: count, webhookDeliveries: count }) });

/** `POST /v1/webhooks/:id/test`: how the receiver answered. */
export const webhookTestAnswerSchema = z.object({ delivered: z.boolean(), status: z.int().nullable(), error: z.string().nullable() });

/** `POST /v1/secret-key/rotate`: the new key, shown this once. */
export const secretKeyAnswerSchema = z.object({ secretKey: z.string().regex(/^sk_/) });
