import type { OpenAPIHono } from '@hono/zod-openapi';
import { webhookEventSchemas } from '@tenpoint/shared';
import { z } from 'zod';

const headers = z.object({
  'Tenpoint-Signature': z.string().meta({
    description:
      '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the subscription’s secret>`: check it, and that `t` is recent, ' +
      'before trusting the body.',
    examples: ['t=1767225600,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd'],
  }),
  'Tenpoint-Delivery': z.uuid().describe('The delivery id: a delivery can come twice, drop repeats.'),
  'Tenpoint-Event': z.string().meta({ description: 'The event type, as in the body.', examples: ['response.created'] }),
});

const about: Record<keyof typeof webhookEventSchemas, { operationId: string; summary: string }> = {
  'response.created': { operationId: 'onResponseCreated', summary: 'A user responded' },
  'response.updated': { operationId: 'onResponseUpdated', summary: 'A response changed' },
  'decline.created': { operationId: 'onDeclineCreated', summary: 'A user declined the survey' },
  'response.assigned': { operationId: 'onResponseAssigned', summary: 'A response was assigned to a member' },
  'response.closed': { operationId: 'onResponseClosed', summary: 'A response was followed up and closed' },
  'webhook.test': { operationId: 'onWebhookTest', summary: 'A test send' },
};

/**
 * What Tenpoint POSTs to a subscription with `format: event`, as OpenAPI 3.1 `webhooks`. A Slack
 * subscription gets a Slack message instead.
 */
export function registerWebhookEvents(registry: OpenAPIHono['openAPIRegistry']) {
  for (const [event, schema] of Object.entries(webhookEventSchemas)) {
    registry.registerWebhook({
      method: 'post',
      path: event,
      ...about[event as keyof typeof webhookEventSchemas],
      description:
        'Failed deliveries are retried with growing waits for 24 hours, then the subscription is paused. Each subscription gets ' +
        'one delivery at a time, each with 10 s for the whole exchange.',
      tags: ['Webhooks'],
      security: [],
      request: { headers, body: { required: true, content: { 'application/json': { schema } } } },
      responses: {
        200: { description: 'Any 2xx answer marks the delivery delivered; any other is retried.' },
        429: {
          description: 'Waited out as its `Retry-After` asks (seconds or an HTTP date, at most an hour), and never counted as a failure.',
        },
      },
    });
  }
}
