import { randomBytes, randomUUID } from 'node:crypto';
import type { WebhookAnswer } from '@tenpoint/shared';
import { categoryName, scales } from '@tenpoint/shared/scores';
import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { surveys, webhookDeliveries, webhooks } from '../db/schema/index.ts';
import { ApiError } from '../errors.ts';
import { isUuid } from '../input/ids.ts';
import { deliveryBody } from './delivery-worker.ts';
import { publicAddressesOf } from './private-addresses.ts';
import { send } from './send.ts';
import { deliveryHeaders } from './signature.ts';

export type Webhook = typeof webhooks.$inferSelect;

export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

// The secret is in the answer only when asked for (creation): lists and reads leave it out, as Stripe and GitHub do.
export const webhookAnswer = (webhook: Webhook, withSecret = false): WebhookAnswer => ({
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

/** A site's subscription by its id; another site's, or an id that is no UUID, is not found. */
export async function findWebhook(db: Database, siteId: string, id: string): Promise<Webhook> {
  const [webhook] = isUuid(id)
    ? await db
        .select()
        .from(webhooks)
        .where(and(eq(webhooks.siteId, siteId), eq(webhooks.id, id)))
    : [];
  if (!webhook) throw new ApiError('not_found', `id: no webhook ${id} on this site`);
  return webhook;
}

/** Refuses an address that resolves to a private or loopback one (unless allowed), as a 400. */
export async function checkWebhookUrl(url: string, allowPrivate: boolean): Promise<void> {
  try {
    await publicAddressesOf(new URL(url), allowPrivate);
  } catch (error) {
    throw new ApiError('invalid_request', `url: ${(error as Error).message}`);
  }
}

/** Refuses a filter on a survey that is not this site's: such a subscription would never send. */
export async function checkWebhookFilter(db: Database, siteId: string, filter: Webhook['filter'] | undefined): Promise<void> {
  const surveyId = filter?.surveyId;
  if (surveyId === undefined) return;
  const [survey] = await db
    .select({ id: surveys.id })
    .from(surveys)
    .where(and(eq(surveys.siteId, siteId), eq(surveys.id, surveyId)));
  if (!survey) throw new ApiError('invalid_request', `filter.surveyId: no survey ${surveyId} on this site`);
}

/** A subscription's latest deliveries, newest first, as the API answers them. */
export async function latestDeliveries(db: Database, webhook: Webhook, limit: number) {
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.siteId, webhook.siteId), eq(webhookDeliveries.webhookId, webhook.id)))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(limit);
  return rows.map(deliveryAnswer);
}

/** A delivery as the API answers it. */
export const deliveryAnswer = (row: typeof webhookDeliveries.$inferSelect) => ({
  id: row.id,
  event: row.event,
  status: row.status,
  attempts: row.attempts,
  lastStatus: row.lastStatus,
  lastError: row.lastError,
  nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
  deliveredAt: row.deliveredAt?.toISOString() ?? null,
  resentAt: row.resentAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

const maxTestSendsPerSite = 5;

/**
 * Sends a `webhook.test` event now, signed like every delivery, and says how the receiver answered.
 * Test sends in progress are counted per site: a slow receiver must not let one site hold hundreds of sockets.
 */
export function testSender(options: { now: () => Date; allowPrivate: boolean; timeoutMs?: number | undefined }) {
  const inProgress = new Map<string, number>();
  return async (webhook: Webhook) => {
    const siteId = webhook.siteId;
    const sending = inProgress.get(siteId) ?? 0;
    if (sending >= maxTestSendsPerSite) {
      throw new ApiError(
        'rate_limited',
        `too many test sends at once for this site (at most ${maxTestSendsPerSite}); wait for one to finish and retry after 2 s`,
        2,
      );
    }
    const id = randomUUID();
    const response = { score: scales.nps.max, category: categoryName('nps', 'high'), comment: 'Test' };
    const payload = { message: 'A test from Tenpoint: this subscription reaches you.', response, user: { userId: 'test' } };
    const at = options.now();
    const event = 'webhook.test';
    const body = deliveryBody({ id, event, payload, created_at: at.toISOString(), format: webhook.format });
    inProgress.set(siteId, sending + 1);
    try {
      const headers = deliveryHeaders({ id, event, secret: webhook.secret }, body, at);
      const result = await send(webhook.url, body, headers, options.allowPrivate, options.timeoutMs);
      return { delivered: result.ok, status: result.status ?? null, error: result.error ?? null };
    } finally {
      const left = (inProgress.get(siteId) ?? 1) - 1;
      if (left > 0) inProgress.set(siteId, left);
      else inProgress.delete(siteId);
    }
  };
}
