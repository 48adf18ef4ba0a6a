import { z } from 'zod';
import { surveyTypes } from '../scores.ts';
import { followUpSchema } from './follow-ups.ts';
import { clientUuid } from './ids.ts';

export const webhookEvents = ['response.created', 'response.updated', 'decline.created', 'response.assigned', 'response.closed'] as const;
const categories = ['detractor', 'passive', 'promoter', 'low', 'middle', 'high'] as const;

export const webhookCreateSchema = z
  .object({
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
      .max(2000, 'must be at most 2000 characters')
      .meta({
        description: 'Where deliveries are POSTed; private and loopback addresses are refused.',
        examples: ['https://hooks.acme.io/tenpoint'],
      }),
    events: z
      .array(z.enum(webhookEvents, { error: `must be one of ${webhookEvents.join(', ')}` }), { error: 'must be a list of events' })
      .min(1, 'must name at least one event')
      .meta({ examples: [['response.created', 'response.updated']] }),
    filter: z
      .object({
        categories: z
          .array(z.enum(categories, { error: `must be one of ${categories.join(', ')}` }))
          .min(1)
          .optional()
          .meta({
            description: 'Only responses of these categories (detractor… for NPS, low… for CSAT and CES); no declines.',
            examples: [['detractor']],
          }),
        surveyId: clientUuid('must be a survey id (a UUID)').optional().describe('Only responses to this survey.'),
      })
      .strict()
      .default({}),
    format: z
      .enum(['event', 'slack'], { error: 'must be event or slack' })
      .default('event')
      .describe('`event`: the event as JSON; `slack`: a message body for a Slack incoming webhook.'),
  })
  .strict()
  .meta({ id: 'WebhookCreate' });
export type WebhookCreate = z.infer<typeof webhookCreateSchema>;

export const webhookPatchSchema = z
  .object({
    url: webhookCreateSchema.shape.url.optional(),
    events: webhookCreateSchema.shape.events.optional(),
    filter: webhookCreateSchema.shape.filter.optional(),
    format: webhookCreateSchema.shape.format.optional(),
    paused: z
      .boolean({ error: 'must be true or false' })
      .optional()
      .describe('true pauses the subscription; false resumes it and its waiting deliveries go out again.'),
  })
  .strict()
  .meta({ id: 'WebhookPatch', description: 'The fields given change, the rest stay.' });

export const webhookSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    events: z.array(z.enum(webhookEvents)),
    filter: z.object({ categories: z.array(z.string()).optional(), surveyId: z.string().optional() }),
    format: z.enum(['event', 'slack']),
    secret: z
      .string()
      .nullable()
      .describe(
        'Signs every delivery (`Tenpoint-Signature`). Only in the answer that creates the subscription; null elsewhere: read it ' +
          'with GET /v1/webhooks/{id}/secret.',
      ),
    secretHint: z
      .string()
      .meta({ description: "The secret's last four characters, to tell which one a receiver holds.", examples: ['whsec_…x9Qa'] }),
    paused: z.boolean(),
    pausedReason: z
      .string()
      .nullable()
      .meta({ examples: ['paused by you'] }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Webhook' });
export type WebhookAnswer = z.infer<typeof webhookSchema>;

export const webhookListSchema = z.object({ data: z.array(webhookSchema).describe('Oldest first.') }).meta({ id: 'WebhookList' });

export const webhookSecretSchema = z
  .object({ secret: z.string().meta({ examples: ['whsec_b1D4k2Y9pQ7rS3tU6vW8xZ0aC5eG1hJ2'] }) })
  .meta({ id: 'WebhookSecret', description: 'The signing secret, revealed or rotated on request.' });

export const webhookDeliverySchema = z
  .object({
    id: z.uuid().describe('Also sent as the `Tenpoint-Delivery` header, to drop repeats.'),
    event: z.string().meta({ examples: ['response.created'] }),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.int(),
    lastStatus: z.int().nullable().describe("The receiver's last HTTP status."),
    lastError: z.string().nullable(),
    nextAttemptAt: z.iso.datetime().nullable(),
    deliveredAt: z.iso.datetime().nullable(),
    resentAt: z.iso
      .datetime()
      .nullable()
      .describe('When it was last sent again on request (POST /v1/webhooks/{id}/deliveries/{deliveryId}/retry); null if never.'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDeliveryAnswer = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryListSchema = z
  .object({ data: z.array(webhookDeliverySchema).describe('Newest first.') })
  .meta({ id: 'WebhookDeliveryList' });

// What a delivery carries: the response or decline as stored, with its survey, user and account.
const traits = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
const about = {
  survey: z.object({ id: z.uuid(), type: z.enum(surveyTypes), name: z.string() }),
  user: z.object({ userId: z.string(), traits }),
  account: z.object({ id: z.string(), traits }).nullable(),
};
const storedResponse = z.object({
  id: z.uuid(),
  surveyId: z.uuid(),
  score: z.int(),
  category: z.string().meta({ examples: ['promoter'] }),
  comment: z.string().optional().describe('Plain text: show it as text, never as HTML. Absent until given.'),
  locale: z.string().optional(),
  url: z.string().optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
const storedDecline = z.object({ id: z.uuid(), surveyId: z.uuid(), locale: z.string().optional(), createdAt: z.iso.datetime() });

const event = <Type extends string, Data extends z.ZodType>(type: Type, data: Data, id: string, description: string) =>
  z
    .object({
      id: z.uuid().describe('The delivery id, also in the `Tenpoint-Delivery` header: the same event can come twice, drop repeats.'),
      type: z.literal(type),
      createdAt: z.iso.datetime().describe('When the event happened.'),
      data,
    })
    .meta({ id, description });

/** The events a subscription with `format: event` receives, as POSTed JSON. */
export const webhookEventSchemas = {
  'response.created': event(
    'response.created',
    z.object({ response: storedResponse, ...about }),
    'ResponseCreatedEvent',
    'A user responded.',
  ),
  'response.updated': event(
    'response.updated',
    z.object({ response: storedResponse, ...about }),
    'ResponseUpdatedEvent',
    'A response changed: its comment arrived or its score changed.',
  ),
  'decline.created': event(
    'decline.created',
    z.object({ decline: storedDecline, ...about }),
    'DeclineCreatedEvent',
    'A user closed the survey without a score.',
  ),
  'response.assigned': event(
    'response.assigned',
    z.object({ response: storedResponse, ...about, followUp: followUpSchema }),
    'ResponseAssignedEvent',
    'A member of the team was made the owner of a response (its follow-up); not sent for unassigning.',
  ),
  'response.closed': event(
    'response.closed',
    z.object({ response: storedResponse, ...about, followUp: followUpSchema }),
    'ResponseClosedEvent',
    'A response’s follow-up was closed, with its resolution.',
  ),
  'webhook.test': event(
    'webhook.test',
    z.object({
      message: z.string(),
      response: z.object({ score: z.int(), category: z.string(), comment: z.string() }),
      user: z.object({ userId: z.string() }),
    }),
    'WebhookTestEvent',
    'Sent by POST /v1/webhooks/{id}/test.',
  ),
} as const;
