import { randomBytes, randomUUID } from 'node:crypto';
import { describeZodError, webhookCreateSchema, webhookPatchSchema, type WebhookAnswer } from '@tenpoint/shared';
import { categoryName, scales } from '@tenpoint/shared/scores';
import { and, desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../app-env.ts';
import type { AppDeps } from '../../deps.ts';
import { webhookDeliveries, webhooks } from '../../db/schema/index.ts';
import { ApiError } from '../../errors.ts';
import { readJsonBody } from '../../input/json-body.ts';
import { requireSecretKey } from '../../middleware/secret-key.ts';
import { deliveryBody } from '../../webhooks/delivery-worker.ts';
import { publicAddressesOf } from '../../webhooks/private-addresses.ts';
import { send } from '../../webhooks/send.ts';
import { signatureHeader } from '../../webhooks/signature.ts';

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

/** Webhook subscriptions: created, listed, changed, tested, deleted, and their delivery log. */
const wholeNumber = 'must be a whole number from 1 to 200';
const deliveriesQuerySchema = z.object({ limit: z.coerce.number({ error: wholeNumber }).int(wholeNumber).min(1, wholeNumber).max(200, wholeNumber).default(50) });

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
    const [webhook] = /^[0-9a-f-]{36}$/i.test(id) ? await deps.db.select().from(webhooks).where(and(eq(webhooks.siteId, siteId), eq(webhooks.id, id))) : [];
    if (!webhook) throw new ApiError('not_found', `id: no webhook ${id} on this site`);
    return webhook;
  };

  return new Hono<AppEnv>()
    .use(requireSecretKey(deps))
    .post('/', async (c) => {
      const body = await readJsonBody(c, webhookCreateSchema);
      await checkUrl(body.url);
      const [created] = await deps.db
        .insert(webhooks)
        .values({ siteId: c.get('site').id, id: randomUUID(), ...body, secret: newSecret() })
        .returning();
      return c.json(answerOf(created!, true), 201);
    })
    .get('/', async (c) => {
      const rows = await deps.db.select().from(webhooks).where(eq(webhooks.siteId, c.get('site').id)).orderBy(webhooks.createdAt);
      return c.json({ data: rows.map((row) => answerOf(row)) });
    })
    .get('/:id', async (c) => c.json(answerOf(await find(c.get('site').id, c.req.param('id')))))
    .patch('/:id', async (c) => {
      const siteId = c.get('site').id;
      const webhook = await find(siteId, c.req.param('id'));
      const { paused, ...changes } = await readJsonBody(c, webhookPatchSchema);
      if (changes.url) await checkUrl(changes.url);
      const pausing = paused === undefined ? {} : paused ? { pausedAt: deps.now(), pausedReason: 'paused by you' } : { pausedAt: null, pausedReason: null };
      if (Object.keys(changes).length + Object.keys(pausing).length === 0) return c.json(answerOf(webhook));
      const [updated] = await deps.db
        .update(webhooks)
        .set({ ...changes, ...pausing })
        .where(and(eq(webhooks.siteId, siteId), eq(webhooks.id, webhook.id)))
        .returning();
      return c.json(answerOf(updated!));
    })
    .delete('/:id', async (c) => {
      const webhook = await find(c.get('site').id, c.req.param('id'));
      await deps.db.delete(webhooks).where(and(eq(webhooks.siteId, webhook.siteId), eq(webhooks.id, webhook.id)));
      return c.body(null, 204);
    })
    .get('/:id/secret', async (c) => c.json({ secret: (await find(c.get('site').id, c.req.param('id'))).secret }))
    // Receivers holding the old secret fail their check from now on: update them right after.
    .post('/:id/secret/rotate', async (c) => {
      const webhook = await find(c.get('site').id, c.req.param('id'));
      const [rotated] = await deps.db
        .update(webhooks)
        .set({ secret: newSecret() })
        .where(and(eq(webhooks.siteId, webhook.siteId), eq(webhooks.id, webhook.id)))
        .returning({ secret: webhooks.secret });
      return c.json({ secret: rotated!.secret });
    })
    // Sends a `webhook.test` event now, signed like every delivery, and says how the receiver answered.
    .post('/:id/test', async (c) => {
      const webhook = await find(c.get('site').id, c.req.param('id'));
      const id = randomUUID();
      const response = { score: scales.nps.max, category: categoryName('nps', 'high'), comment: 'Test' };
      const payload = { message: 'A test from Tenpoint: this subscription reaches you.', response, user: { userId: 'test' } };
      const at = deps.now();
      const body = deliveryBody({ id, event: 'webhook.test', payload, created_at: at.toISOString(), format: webhook.format });
      const headers = { 'Tenpoint-Signature': signatureHeader(webhook.secret, body, at), 'Tenpoint-Delivery': id, 'Tenpoint-Event': 'webhook.test', 'User-Agent': 'Tenpoint-Webhooks/1' };
      const siteId = webhook.siteId;
      const sending = testSends.get(siteId) ?? 0;
      if (sending >= maxTestSendsPerSite) {
        throw new ApiError('rate_limited', `too many test sends at once for this site (at most ${maxTestSendsPerSite}); wait for one to finish and retry after 2 s`, 2);
      }
      testSends.set(siteId, sending + 1);
      try {
        const result = await send(webhook.url, body, headers, allowPrivate, deps.webhookTimeoutMs);
        return c.json({ delivered: result.ok, status: result.status ?? null, error: result.error ?? null });
      } finally {
        const left = (testSends.get(siteId) ?? 1) - 1;
        if (left > 0) testSends.set(siteId, left);
        else testSends.delete(siteId);
      }
    })
    .get('/:id/deliveries', async (c) => {
      const webhook = await find(c.get('site').id, c.req.param('id'));
      const parsed = deliveriesQuerySchema.safeParse(c.req.query());
      if (!parsed.success) throw new ApiError('invalid_request', describeZodError(parsed.error));
      const { limit } = parsed.data;
      const rows = await deps.db
        .select()
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.siteId, webhook.siteId), eq(webhookDeliveries.webhookId, webhook.id)))
        .orderBy(desc(webhookDeliveries.createdAt))
        .limit(limit);
      return c.json({
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
      });
    });
}
