import { randomBytes, randomUUID } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import {
  type WebhookAnswer,
  webhookCreateSchema,
  webhookDeliveryListSchema,
  webhookListSchema,
  webhookPatchSchema,
  webhookSchema,
  webhookSecretSchema,
  webhookTestAnswerSchema,
} from '@tenpoint/shared';
import { categoryName, scales } from '@tenpoint/shared/scores';
import { and, desc, eq } from 'drizzle-orm';
import { webhookDeliveries, webhooks } from '../../db/schema/index.ts';
import type { AppDeps } from '../../deps.ts';
import { ApiError } from '../../errors.ts';
import { idPath, isUuid } from '../../input/ids.ts';
import { jsonBody } from '../../input/json-body.ts';
import { requireSecretKey } from '../../middleware/secret-key.ts';
import { errors, json, vendor, vendorBody, vendorBodyErrors, vendorErrors } from '../../openapi/answers.ts';
import { deliveryBody } from '../../webhooks/delivery-worker.ts';
import { publicAddressesOf } from '../../webhooks/private-addresses.ts';
import { send } from '../../webhooks/send.ts';
import { signatureHeader } from '../../webhooks/signature.ts';
import { router } from '../router.ts';

type Webhook = typeof webhooks.$inferSelect;

const maxTestSendsPerSite = 5;

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

// The secret is in the answer only when asked for (creation): lists and reads leave it out, as Stripe and GitHub do.
const answerOf = (webhook: Webhook, withSecret = false): WebhookAnswer => ({
  id: webhook.id,
  url: webhook.url,
  events: webhook.events as WebhookAnswer['events'],
  filter: webhook.filter,
  format: webhook.format,
  secret: withSecret ? webhook.secret : null,
  secretHint: `whsec_…${webhook.secret.slice(-4)}`,
  paused: webhook.pausedAt !== null,
  pausedReason: webhook.pausedReason,
  createdAt: webhook.createdAt.toISOString(),
});

const wholeNumber = 'must be a whole number from 1 to 200';
const deliveriesQuery = z.object({
  limit: z.coerce
    .number({ error: wholeNumber })
    .int(wholeNumber)
    .min(1, wholeNumber)
    .max(200, wholeNumber)
    .default(50)
    .describe('How many, newest first.'),
});

const tags = ['Webhooks'];
const webhookPath = idPath('The subscription id.');
const delivery =
  'Each delivery is a POST of `{ id, type, createdAt, data }` (see `webhooks` in this document; a Slack message with `format: slack`) ' +
  'with headers `Tenpoint-Delivery` (the id, to drop repeats), `Tenpoint-Event` and ' +
  '`Tenpoint-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the subscription\'s secret>`. ' +
  'Failed deliveries are retried with growing waits for 24 hours, then the subscription is paused; ' +
  'a `429` answer is waited out as its `Retry-After` asks and never counts as a failure. ' +
  'Each subscription gets one delivery at a time (Slack ones at most one a second), each with 10 s for the whole exchange. ' +
  'Private and loopback addresses are refused. ' +
  'The answer holds the signing `secret`, shown this once (see `/v1/webhooks/{id}/secret`).';

const routes = {
  create: createRoute({
    method: 'post',
    path: '/',
    operationId: 'createWebhook',
    tags,
    summary: 'Subscribe a URL to events',
    description: delivery,
    ...vendor,
    request: { body: vendorBody(webhookCreateSchema) },
    responses: { 201: json('Created, with its signing secret.', webhookSchema), ...errors(...vendorBodyErrors) },
  }),
  list: createRoute({
    method: 'get',
    path: '/',
    operationId: 'listWebhooks',
    tags,
    summary: 'Your webhook subscriptions',
    description: 'Each with its events, filter and format, and whether it is paused; the secret only as `secretHint`.',
    ...vendor,
    responses: { 200: json('Oldest first.', webhookListSchema), ...errors(...vendorErrors) },
  }),
  get: createRoute({
    method: 'get',
    path: '/{id}',
    operationId: 'getWebhook',
    tags,
    summary: 'One subscription',
    description: 'Its events, filter and format, and whether it is paused (and why); the secret only as `secretHint`.',
    ...vendor,
    request: { params: webhookPath },
    responses: { 200: json('The subscription.', webhookSchema), ...errors(...vendorErrors, 404) },
  }),
  update: createRoute({
    method: 'patch',
    path: '/{id}',
    operationId: 'updateWebhook',
    tags,
    summary: 'Change, pause or resume a subscription',
    description: 'The fields given change, the rest stay. A URL is checked as on creation; resuming sends the deliveries that waited.',
    ...vendor,
    request: { params: webhookPath, body: vendorBody(webhookPatchSchema) },
    responses: { 200: json('As now stored.', webhookSchema), ...errors(...vendorBodyErrors, 404) },
  }),
  delete: createRoute({
    method: 'delete',
    path: '/{id}',
    operationId: 'deleteWebhook',
    tags,
    summary: 'Delete a subscription and its log',
    description: 'Deliveries not yet sent are dropped with it.',
    ...vendor,
    request: { params: webhookPath },
    responses: { 204: { description: 'Deleted; no body.' }, ...errors(...vendorErrors, 404, 413) },
  }),
  secret: createRoute({
    method: 'get',
    path: '/{id}/secret',
    operationId: 'getWebhookSecret',
    tags,
    summary: 'Reveal the signing secret',
    description: 'Lists and reads answer `secret: null` and a `secretHint`; this is the one way to read the secret after creation.',
    ...vendor,
    request: { params: webhookPath },
    responses: { 200: json('The current signing secret.', webhookSecretSchema), ...errors(...vendorErrors, 404) },
  }),
  rotate: createRoute({
    method: 'post',
    path: '/{id}/secret/rotate',
    operationId: 'rotateWebhookSecret',
    tags,
    summary: 'Replace the signing secret',
    description: 'Deliveries are signed with the new secret from now on; the old one stops matching at once.',
    ...vendor,
    request: { params: webhookPath },
    responses: { 200: json('The new signing secret.', webhookSecretSchema), ...errors(...vendorErrors, 404, 413) },
  }),
  test: createRoute({
    method: 'post',
    path: '/{id}/test',
    operationId: 'testWebhook',
    tags,
    summary: 'Send a signed webhook.test event now',
    description: 'The whole exchange has 10 s; at most 5 test sends per site at once (429 with `Retry-After` beyond).',
    ...vendor,
    request: { params: webhookPath },
    responses: { 200: json('How the receiver answered.', webhookTestAnswerSchema), ...errors(...vendorErrors, 404, 413) },
  }),
  deliveries: createRoute({
    method: 'get',
    path: '/{id}/deliveries',
    operationId: 'listWebhookDeliveries',
    tags,
    summary: 'The delivery log',
    description:
      'The deliveries of this subscription, newest first: their status, tries, the receiver’s last status or error, and when the ' +
      'next try is.',
    ...vendor,
    request: { params: webhookPath, query: deliveriesQuery },
    responses: { 200: json('Newest first: status, tries, last error.', webhookDeliveryListSchema), ...errors(...vendorErrors, 404) },
  }),
};

/** Webhook subscriptions: created, listed, changed, tested, deleted, and their delivery log. */
export function webhookRoutes(deps: AppDeps) {
  const allowPrivate = deps.allowPrivateWebhooks ?? false;
  // Test sends in progress per site: a slow receiver must not let one site hold hundreds of sockets.
  const testSends = new Map<string, number>();
  const checkUrl = async (url: string) => {
    try {
      await publicAddressesOf(new URL(url), allowPrivate);
    } catch (error) {
      throw new ApiError('invalid_request', `url: ${(error as Error).message}`);
    }
  };
  const find = async (siteId: string, id: string) => {
    const [webhook] = isUuid(id)
      ? await deps.db
          .select()
          .from(webhooks)
          .where(and(eq(webhooks.siteId, siteId), eq(webhooks.id, id)))
      : [];
    if (!webhook) throw new ApiError('not_found', `id: no webhook ${id} on this site`);
    return webhook;
  };

  const app = router();
  app.use(requireSecretKey(deps));
  return (
    app
      .openapi({ ...routes.create, middleware: jsonBody }, async (c) => {
        const body = c.req.valid('json');
        await checkUrl(body.url);
        const [created] = await deps.db
          .insert(webhooks)
          .values({ siteId: c.get('site').id, id: randomUUID(), ...body, secret: newSecret() })
          .returning();
        return c.json(answerOf(created!, true), 201);
      })
      .openapi(routes.list, async (c) => {
        const rows = await deps.db
          .select()
          .from(webhooks)
          .where(eq(webhooks.siteId, c.get('site').id))
          .orderBy(webhooks.createdAt);
        return c.json({ data: rows.map((row) => answerOf(row)) }, 200);
      })
      .openapi(routes.get, async (c) => c.json(answerOf(await find(c.get('site').id, c.req.valid('param').id)), 200))
      .openapi({ ...routes.update, middleware: jsonBody }, async (c) => {
        const siteId = c.get('site').id;
        const webhook = await find(siteId, c.req.valid('param').id);
        const { paused, ...changes } = c.req.valid('json');
        if (changes.url) await checkUrl(changes.url);
        const pausing =
          paused === undefined
            ? {}
            : paused
              ? { pausedAt: deps.now(), pausedReason: 'paused by you' }
              : { pausedAt: null, pausedReason: null };
        if (Object.keys(changes).length + Object.keys(pausing).length === 0) return c.json(answerOf(webhook), 200);
        const [updated] = await deps.db
          .update(webhooks)
          .set({ ...changes, ...pausing })
          .where(and(eq(webhooks.siteId, siteId), eq(webhooks.id, webhook.id)))
          .returning();
        return c.json(answerOf(updated!), 200);
      })
      .openapi(routes.delete, async (c) => {
        const webhook = await find(c.get('site').id, c.req.valid('param').id);
        await deps.db.delete(webhooks).where(and(eq(webhooks.siteId, webhook.siteId), eq(webhooks.id, webhook.id)));
        return c.body(null, 204);
      })
      .openapi(routes.secret, async (c) => c.json({ secret: (await find(c.get('site').id, c.req.valid('param').id)).secret }, 200))
      // Receivers holding the old secret fail their check from now on: update them right after.
      .openapi(routes.rotate, async (c) => {
        const webhook = await find(c.get('site').id, c.req.valid('param').id);
        const [rotated] = await deps.db
          .update(webhooks)
          .set({ secret: newSecret() })
          .where(and(eq(webhooks.siteId, webhook.siteId), eq(webhooks.id, webhook.id)))
          .returning({ secret: webhooks.secret });
        return c.json({ secret: rotated!.secret }, 200);
      })
      // Sends a `webhook.test` event now, signed like every delivery, and says how the receiver answered.
      .openapi(routes.test, async (c) => {
        const webhook = await find(c.get('site').id, c.req.valid('param').id);
        const id = randomUUID();
        const response = { score: scales.nps.max, category: categoryName('nps', 'high'), comment: 'Test' };
        const payload = { message: 'A test from Tenpoint: this subscription reaches you.', response, user: { userId: 'test' } };
        const at = deps.now();
        const body = deliveryBody({ id, event: 'webhook.test', payload, created_at: at.toISOString(), format: webhook.format });
        const headers = {
          'Tenpoint-Signature': signatureHeader(webhook.secret, body, at),
          'Tenpoint-Delivery': id,
          'Tenpoint-Event': 'webhook.test',
          'User-Agent': 'Tenpoint-Webhooks/1',
        };
        const siteId = webhook.siteId;
        const sending = testSends.get(siteId) ?? 0;
        if (sending >= maxTestSendsPerSite) {
          throw new ApiError(
            'rate_limited',
            `too many test sends at once for this site (at most ${maxTestSendsPerSite}); wait for one to finish and retry after 2 s`,
            2,
          );
        }
        testSends.set(siteId, sending + 1);
        try {
          const result = await send(webhook.url, body, headers, allowPrivate, deps.webhookTimeoutMs);
          return c.json({ delivered: result.ok, status: result.status ?? null, error: result.error ?? null }, 200);
        } finally {
          const left = (testSends.get(siteId) ?? 1) - 1;
          if (left > 0) testSends.set(siteId, left);
          else testSends.delete(siteId);
        }
      })
      .openapi(routes.deliveries, async (c) => {
        const webhook = await find(c.get('site').id, c.req.valid('param').id);
        const { limit } = c.req.valid('query');
        const rows = await deps.db
          .select()
          .from(webhookDeliveries)
          .where(and(eq(webhookDeliveries.siteId, webhook.siteId), eq(webhookDeliveries.webhookId, webhook.id)))
          .orderBy(desc(webhookDeliveries.createdAt))
          .limit(limit);
        return c.json(
          {
            data: rows.map((row) => ({
              id: row.id,
              event: row.event,
              status: row.status,
              attempts: row.attempts,
              lastStatus: row.lastStatus,
              lastError: row.lastError,
              nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
              deliveredAt: row.deliveredAt?.toISOString() ?? null,
              createdAt: row.createdAt.toISOString(),
            })),
          },
          200,
        );
      })
  );
}
