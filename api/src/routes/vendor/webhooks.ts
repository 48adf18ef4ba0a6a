import { randomUUID } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import {
  queryInteger,
  webhookCreateSchema,
  webhookDeliveryListSchema,
  webhookDeliverySchema,
  webhookListSchema,
  webhookPatchSchema,
  webhookSchema,
  webhookSecretSchema,
  webhookTestAnswerSchema,
} from '@tenpoint/shared';
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/record-audit.ts';
import { webhooks } from '../../db/schema/index.ts';
import type { Services } from '../../deps.ts';
import { idPath } from '../../input/ids.ts';
import { jsonBody } from '../../input/json-body.ts';
import { requireSite } from '../../middleware/site-access.ts';
import { errors, json, vendor, vendorBody, vendorBodyErrors, vendorErrors } from '../../openapi/answers.ts';
import { resendDelivery } from '../../webhooks/resend.ts';
import {
  checkWebhookFilter,
  checkWebhookUrl,
  deliveryAnswer,
  findWebhook,
  latestDeliveries,
  newWebhookSecret,
  testSender,
  webhookAnswer,
} from '../../webhooks/subscriptions.ts';
import { router } from '../router.ts';

const deliveriesQuery = z.object({
  limit: queryInteger(1, 200, 50).describe('How many, newest first.'),
});

const tags = ['Webhooks'];
const webhookPath = idPath('The subscription id.');
const deliveryPath = webhookPath.extend({ deliveryId: z.string().meta({ description: 'The delivery id (`Tenpoint-Delivery`).' }) });
const notResendable = {
  ...errors(409)[409],
  description: 'The delivery was delivered, is already queued or being sent, or its subscription is paused: the message says which.',
};
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
  retry: createRoute({
    method: 'post',
    path: '/{id}/deliveries/{deliveryId}/retry',
    operationId: 'retryWebhookDelivery',
    tags,
    summary: 'Send a failed delivery again',
    description:
      'Queues a delivery whose last try failed, or one given up on, to go out now, with the same id and body and a fresh ' +
      'signature, one at a time and paced as any other; the log shows it as `resentAt`. A failure counts as a try: one given ' +
      'up on is given up on again (and its subscription paused) if it fails.',
    ...vendor,
    request: { params: deliveryPath },
    responses: {
      202: json('Queued: the delivery as now logged.', webhookDeliverySchema),
      ...errors(...vendorErrors, 404, 413),
      409: notResendable,
    },
  }),
};

/** Webhook subscriptions: created, listed, changed, tested, deleted, and their delivery log. */
export function webhookRoutes(deps: Services) {
  const allowPrivate = deps.allowPrivateWebhooks ?? false;
  const sendTest = testSender({ now: deps.now, allowPrivate, timeoutMs: deps.webhookTimeoutMs });
  const find = (siteId: string, id: string) => findWebhook(deps.db, siteId, id);
  const thisWebhook = (webhook: { siteId: string; id: string }) => and(eq(webhooks.siteId, webhook.siteId), eq(webhooks.id, webhook.id));

  const app = router();
  // A signing secret lets its holder forge deliveries: for those who manage the site.
  app.use(requireSite(deps, (_method, path) => (path.endsWith('/secret') ? 'manage' : undefined)));
  return (
    app
      .openapi({ ...routes.create, middleware: jsonBody }, async (c) => {
        const body = c.req.valid('json');
        await checkWebhookUrl(body.url, allowPrivate);
        await checkWebhookFilter(deps.db, c.get('site').id, body.filter);
        const [created] = await deps.db
          .insert(webhooks)
          .values({ siteId: c.get('site').id, id: randomUUID(), ...body, secret: newWebhookSecret() })
          .returning();
        await recordAudit(deps.db, c, { action: 'webhook.created', target: created!.url, after: webhookAnswer(created!) });
        return c.json(webhookAnswer(created!, true), 201);
      })
      .openapi(routes.list, async (c) => {
        const rows = await deps.db
          .select()
          .from(webhooks)
          .where(eq(webhooks.siteId, c.get('site').id))
          .orderBy(webhooks.createdAt);
        return c.json({ data: rows.map((row) => webhookAnswer(row)) }, 200);
      })
      .openapi(routes.get, async (c) => c.json(webhookAnswer(await find(c.get('site').id, c.req.valid('param').id)), 200))
      .openapi({ ...routes.update, middleware: jsonBody }, async (c) => {
        const webhook = await find(c.get('site').id, c.req.valid('param').id);
        const { paused, ...changes } = c.req.valid('json');
        if (changes.url) await checkWebhookUrl(changes.url, allowPrivate);
        await checkWebhookFilter(deps.db, webhook.siteId, changes.filter);
        const pausing =
          paused === undefined
            ? {}
            : paused
              ? { pausedAt: deps.now(), pausedReason: 'paused by you' }
              : { pausedAt: null, pausedReason: null };
        if (Object.keys(changes).length + Object.keys(pausing).length === 0) return c.json(webhookAnswer(webhook), 200);
        const [updated] = await deps.db
          .update(webhooks)
          .set({ ...changes, ...pausing })
          .where(thisWebhook(webhook))
          .returning();
        await recordAudit(deps.db, c, {
          action: 'webhook.updated',
          target: updated!.url,
          before: webhookAnswer(webhook),
          after: webhookAnswer(updated!),
        });
        return c.json(webhookAnswer(updated!), 200);
      })
      .openapi(routes.delete, async (c) => {
        const webhook = await find(c.get('site').id, c.req.valid('param').id);
        await deps.db.delete(webhooks).where(thisWebhook(webhook));
        await recordAudit(deps.db, c, { action: 'webhook.deleted', target: webhook.url, before: webhookAnswer(webhook) });
        return c.body(null, 204);
      })
      .openapi(routes.secret, async (c) => c.json({ secret: (await find(c.get('site').id, c.req.valid('param').id)).secret }, 200))
      // Receivers holding the old secret fail their check from now on: update them right after.
      .openapi(routes.rotate, async (c) => {
        const webhook = await find(c.get('site').id, c.req.valid('param').id);
        const [rotated] = await deps.db
          .update(webhooks)
          .set({ secret: newWebhookSecret() })
          .where(thisWebhook(webhook))
          .returning({ secret: webhooks.secret });
        await recordAudit(deps.db, c, { action: 'webhook.secret_rotated', target: webhook.url });
        return c.json({ secret: rotated!.secret }, 200);
      })
      .openapi(routes.test, async (c) => c.json(await sendTest(await find(c.get('site').id, c.req.valid('param').id)), 200))
      .openapi(routes.deliveries, async (c) => {
        const webhook = await find(c.get('site').id, c.req.valid('param').id);
        return c.json({ data: await latestDeliveries(deps.db, webhook, c.req.valid('query').limit) }, 200);
      })
      .openapi(routes.retry, async (c) => {
        const { id, deliveryId } = c.req.valid('param');
        const webhook = await find(c.get('site').id, id);
        const queued = await resendDelivery(deps.db, webhook, deliveryId, deps.now());
        await recordAudit(deps.db, c, {
          action: 'webhook.delivery_resent',
          target: webhook.url,
          after: { deliveryId: queued.id, event: queued.event },
        });
        return c.json(deliveryAnswer(queued), 202);
      })
  );
}
