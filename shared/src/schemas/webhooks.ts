import { z } from 'zod';

export const webhookEvents = ['response.created', 'response.updated', 'decline.created'] as const;
const categories = ['detractor', 'passive', 'promoter', 'low', 'middle', 'high'] as const;

export const webhookCreateSchema = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }).max(2000, 'must be at most 2000 characters'),
    events: z
      .array(z.enum(webhookEvents, { error: `must be one of ${webhookEvents.join(', ')}` }), { error: 'must be a list of events' })
      .min(1, 'must name at least one event'),
    /** Only answers of these categories (detractor… for NPS, low… for CSAT and CES), of this survey. */
    filter: z
      .object({
        categories: z.array(z.enum(categories, { error: `must be one of ${categories.join(', ')}` })).min(1).optional(),
        surveyId: z.uuid({ error: 'must be a survey id (a UUID)' }).optional(),
      })
      .strict()
      .default({}),
    /** `event`: the event as JSON; `slack`: a message body for a Slack incoming webhook. */
    format: z.enum(['event', 'slack'], { error: 'must be event or slack' }).default('event'),
  })
  .strict();
export type WebhookCreate = z.infer<typeof webhookCreateSchema>;

export const webhookPatchSchema = z
  .object({
    url: webhookCreateSchema.shape.url.optional(),
    events: webhookCreateSchema.shape.events.optional(),
    filter: webhookCreateSchema.shape.filter.optional(),
    format: webhookCreateSchema.shape.format.optional(),
    /** false resumes a paused subscription; its waiting deliveries go out again. */
    paused: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict();

export const webhookSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  events: z.array(z.enum(webhookEvents)),
  filter: z.object({ categories: z.array(z.string()).optional(), surveyId: z.string().optional() }),
  format: z.enum(['event', 'slack']),
  /**
   * Signs every delivery (see the README for checking `Tenpoint-Signature`). Only in the answer
   * that creates the subscription; null elsewhere: read it with GET /v1/webhooks/:id/secret.
   */
  secret: z.string().nullable(),
  /** The secret's last four characters, to tell which one a receiver holds. */
  secretHint: z.string(),
  paused: z.boolean(),
  pausedReason: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookAnswer = z.infer<typeof webhookSchema>;

/** The signing secret, revealed or rotated on request. */
export const webhookSecretSchema = z.object({ secret: z.string() });

export const webhookDeliverySchema = z.object({
  id: z.uuid(),
  event: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.int(),
  lastStatus: z.int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});
