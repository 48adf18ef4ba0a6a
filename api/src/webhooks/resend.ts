import { and, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { webhookDeliveries } from '../db/schema/index.ts';
import { ApiError } from '../errors.ts';
import { isUuid } from '../input/ids.ts';
import type { Webhook } from './subscriptions.ts';

type Delivery = typeof webhookDeliveries.$inferSelect;

/** Why a delivery cannot be sent again now, in words; undefined when it can. */
function whyNot(delivery: Delivery, webhook: Webhook, at: Date): string | undefined {
  if (delivery.status === 'delivered') return 'it was delivered; there is nothing to send again';
  if (webhook.pausedAt) return 'the subscription is paused; resume it first';
  if (delivery.leaseUntil && delivery.leaseUntil > at) return 'it is being sent right now';
  if (delivery.status === 'pending' && (delivery.lastError === null || delivery.nextAttemptAt <= at))
    return 'it is already queued to be sent';
  return undefined;
}

/**
 * Queues a failed delivery (one whose last try failed, or one given up on) to go out now. The
 * delivery worker sends it as any other, so signing, leases and pacing apply; the update swaps only
 * the version it read, so two calls at once queue it once.
 */
export async function resendDelivery(db: Database, webhook: Webhook, deliveryId: string, at: Date): Promise<Delivery> {
  const thisDelivery = and(
    eq(webhookDeliveries.siteId, webhook.siteId),
    eq(webhookDeliveries.webhookId, webhook.id),
    eq(webhookDeliveries.id, deliveryId),
  );
  const [delivery] = isUuid(deliveryId) ? await db.select().from(webhookDeliveries).where(thisDelivery) : [];
  if (!delivery) throw new ApiError('not_found', `deliveryId: no delivery ${deliveryId} of this webhook`);
  const refused = whyNot(delivery, webhook, at);
  if (refused) throw new ApiError('conflict', `deliveryId: cannot send ${deliveryId} again: ${refused}`);
  const failedTry = and(
    eq(webhookDeliveries.status, 'pending'),
    isNotNull(webhookDeliveries.lastError),
    gt(webhookDeliveries.nextAttemptAt, at),
    or(isNull(webhookDeliveries.leaseUntil), lt(webhookDeliveries.leaseUntil, at)),
  );
  // Only the version read above, to the millisecond a Date keeps: a second call at once, with its own clock, finds it changed.
  const readVersion = sql`date_trunc('milliseconds', ${webhookDeliveries.nextAttemptAt}) = ${delivery.nextAttemptAt.toISOString()}`;
  const [queued] = await db
    .update(webhookDeliveries)
    .set({ status: 'pending', nextAttemptAt: at, resentAt: at, leaseUntil: null })
    .where(and(thisDelivery, readVersion, or(eq(webhookDeliveries.status, 'failed'), failedTry)))
    .returning();
  if (!queued) throw new ApiError('conflict', `deliveryId: cannot send ${deliveryId} again: it is already queued to be sent`);
  return queued;
}
