import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { jsonColumn, queryRows } from '../db/query-rows.ts';
import { webhookDeliveries, webhooks } from '../db/schema/index.ts';
import { sqlNames } from '../db/sql-names.ts';
import type { Logger } from '../observability/logger.ts';
import { outageLog } from '../workers/outage-log.ts';
import { defaultSendTimeoutMs, type SendResult, send } from './send.ts';
import { deliveryHeaders } from './signature.ts';
import { slackMessage } from './slack-message.ts';
import { isoTimestamp, withIsoTimestamps } from './timestamps.ts';

/** How often the sender looks for due deliveries, how it retries, and how much it sends at once. */
export interface DeliveryTimings {
  pollMs?: number;
  /** The first retry's wait; each further one doubles, up to an hour, with ±20% jitter. */
  retryBaseMs?: number;
  /** After this long without success a delivery is failed and its subscription paused. */
  giveUpAfterMs?: number;
  /** How long a claimed delivery stays another worker's: longer than a send can take. */
  leaseMs?: number;
  /** One send's whole exchange, connect to last byte. */
  sendTimeoutMs?: number;
  /** Sends out at once from this process, across all subscriptions (each has one at a time). */
  maxInFlight?: number;
  /** The least time between two sends to one Slack subscription (Slack takes about one a second). */
  slackPaceMs?: number;
}

export interface DeliveryOptions extends DeliveryTimings {
  allowPrivateAddresses: boolean;
  /** Linked from chat messages. */
  dashboardUrl?: string | undefined;
}

export interface DeliveryDeps {
  db: Database;
  now: () => Date;
  logger: Logger;
}

const maxRetryMs = 60 * 60 * 1000;
const d = sqlNames(webhookDeliveries);
const w = sqlNames(webhooks);

const claimedRow = z.object({
  site_id: z.string(),
  id: z.string(),
  webhook_id: z.string(),
  event: z.string(),
  payload: jsonColumn<Record<string, unknown>>(),
  attempts: z.number(),
  // As the driver answers it: the body's timestamp is made from either.
  created_at: z.union([z.date(), z.string()]),
  url: z.string(),
  secret: z.string(),
  format: z.enum(['event', 'slack']),
});
type Claimed = z.infer<typeof claimedRow>;

/** The body a receiver gets, as signed. */
export function deliveryBody(delivery: Pick<Claimed, 'id' | 'event' | 'payload' | 'created_at' | 'format'>, dashboardUrl?: string): string {
  if (delivery.format === 'slack') return JSON.stringify(slackMessage(delivery.event, delivery.payload, dashboardUrl));
  return JSON.stringify({
    id: delivery.id,
    type: delivery.event,
    createdAt: isoTimestamp(delivery.created_at),
    data: withIsoTimestamps(delivery.payload),
  });
}

export function retryDelayMs(attempts: number, baseMs: number, random = Math.random): number {
  return Math.min(maxRetryMs, baseMs * 2 ** Math.max(0, attempts - 1)) * (0.8 + 0.4 * random());
}

/** A receiver's `Retry-After` (seconds or an HTTP date) in ms: a minute when absent or unreadable, at most an hour. */
export function retryAfterMs(header: string | undefined, now: number): number {
  const value = header?.trim() ?? '';
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.min(maxRetryMs, Math.max(0, ms)) : 60_000;
}

/**
 * Sends the outbox. Any number of API processes may run one: each claims due deliveries with
 * FOR UPDATE SKIP LOCKED and a lease, so a delivery goes out from one process at a time, and one
 * whose process died is taken up again when its lease ends. Each subscription has one send out
 * at a time, and sends never wait for each other: a slow receiver holds back only its own.
 */
export function startDeliveryWorker({ db, now, logger }: DeliveryDeps, options: DeliveryOptions) {
  const {
    allowPrivateAddresses,
    dashboardUrl,
    pollMs = 1000,
    retryBaseMs = 30_000,
    giveUpAfterMs = 24 * 60 * 60 * 1000,
    leaseMs = 60_000,
  } = options;
  const { sendTimeoutMs = defaultSendTimeoutMs, maxInFlight = 50, slackPaceMs = 1000 } = options;
  const inFlight = new Set<Promise<void>>();
  let claiming: Promise<unknown> | undefined;
  let stopped = false;
  const outages = outageLog(logger, 'sending webhooks', now);

  // Times come from the injected clock, not the database's, so that a test clock moves retries and
  // leases too; API processes' clocks (NTP) agree far closer than a lease's minute.
  const after = (at: Date, ms: number) => new Date(at.getTime() + ms);
  const claim = async (room: number): Promise<Claimed[]> => {
    const moment = now();
    const at = moment.toISOString();
    const dueDelivery = sql`due.${d.status} = 'pending' and due.${d.nextAttemptAt} <= ${at}
      and (due.${d.leaseUntil} is null or due.${d.leaseUntil} < ${at})`;
    const leaseEnd = after(moment, leaseMs).toISOString();
    return queryRows(
      db,
      sql`
        with ready as (
          select w.${w.siteId} as site_id, w.${w.id} as id from ${w.$table} w
          where w.${w.pausedAt} is null and (w.${w.nextSendAt} is null or w.${w.nextSendAt} <= ${at})
            and (w.${w.siteId}, w.${w.id}) in (
              select due.${d.siteId}, due.${d.webhookId} from ${d.$table} due where ${dueDelivery})
          order by w.${w.nextSendAt} nulls first
          limit ${room}
          for no key update of w skip locked
        ),
        picked as (
          select next.site_id, next.id, ready.id as webhook_id from ready cross join lateral (
            select due.${d.siteId} as site_id, due.${d.id} as id from ${d.$table} due
            where due.${d.siteId} = ready.site_id and due.${d.webhookId} = ready.id and ${dueDelivery}
            order by due.${d.nextAttemptAt} limit 1
            for update skip locked) next
        ),
        busy as (
          update ${w.$table} w set ${w.nextSendAt} = ${leaseEnd}
          from picked where w.${w.siteId} = picked.site_id and w.${w.id} = picked.webhook_id
        )
        update ${d.$table} d set ${d.leaseUntil} = ${leaseEnd}, ${d.attempts} = d.${d.attempts} + 1
        from picked, ${w.$table} w
        where d.${d.siteId} = picked.site_id and d.${d.id} = picked.id and w.${w.siteId} = d.${d.siteId} and w.${w.id} = d.${d.webhookId}
        returning d.${d.siteId} as site_id, d.${d.id} as id, d.${d.webhookId} as webhook_id, d.${d.event} as event,
          d.${d.payload} as payload, d.${d.attempts} as attempts, d.${d.createdAt} as created_at,
          w.${w.url} as url, w.${w.secret} as secret, w.${w.format} as format`,
      claimedRow,
    );
  };

  const record = async (delivery: Claimed, result: SendResult) => {
    const at = now();
    const error = (result.error ?? 'failed').slice(0, 500);
    const throttled = result.status === 429;
    const waitMs = throttled ? retryAfterMs(result.retryAfter, at.getTime()) : delivery.format === 'slack' ? slackPaceMs : 0;
    const thisDelivery = and(eq(webhookDeliveries.siteId, delivery.site_id), eq(webhookDeliveries.id, delivery.id));
    const itsWebhook = and(eq(webhooks.siteId, delivery.site_id), eq(webhooks.id, delivery.webhook_id));
    const settled = { lastStatus: result.status ?? null, leaseUntil: null };
    await db.transaction(async (tx) => {
      await tx
        .update(webhooks)
        .set({ nextSendAt: after(at, waitMs) })
        .where(itsWebhook);
      if (result.ok) {
        await tx
          .update(webhookDeliveries)
          .set({ ...settled, status: 'delivered', deliveredAt: at, lastError: null })
          .where(thisDelivery);
      } else if (throttled) {
        // The receiver asked to wait: not a failure, so it neither counts as a try nor leads to pausing.
        await tx
          .update(webhookDeliveries)
          .set({
            ...settled,
            attempts: sql`${webhookDeliveries.attempts} - 1`,
            nextAttemptAt: after(at, waitMs),
            lastError: `answered 429; waiting ${Math.round(waitMs / 1000)} s as asked`,
          })
          .where(thisDelivery);
      } else if (at.getTime() - new Date(delivery.created_at as string).getTime() >= giveUpAfterMs) {
        await tx
          .update(webhookDeliveries)
          .set({ ...settled, status: 'failed', lastError: error })
          .where(thisDelivery);
        const pausedReason = `paused: deliveries kept failing for ${Math.round(giveUpAfterMs / 3_600_000)} h; last error: ${error}`;
        await tx
          .update(webhooks)
          .set({ pausedAt: at, pausedReason })
          .where(and(itsWebhook, isNull(webhooks.pausedAt)));
      } else {
        await tx
          .update(webhookDeliveries)
          .set({ ...settled, nextAttemptAt: after(at, retryDelayMs(delivery.attempts, retryBaseMs)), lastError: error })
          .where(thisDelivery);
      }
    });
  };

  const deliver = async (delivery: Claimed) => {
    const body = deliveryBody(delivery, dashboardUrl);
    const headers = deliveryHeaders(delivery, body, now());
    await record(delivery, await send(delivery.url, body, headers, allowPrivateAddresses, sendTimeoutMs));
  };

  /** Claims what there is room for and starts sending it; answers the sends started. */
  const fill = async (): Promise<Array<Promise<void>>> => {
    const room = maxInFlight - inFlight.size;
    if (room <= 0 || stopped) return [];
    const claimed = await claim(room);
    outages.succeeded();
    return claimed.map((delivery) => {
      const sending: Promise<void> = deliver(delivery)
        .then(outages.succeeded, outages.failed)
        .finally(() => {
          inFlight.delete(sending);
          tick();
        });
      inFlight.add(sending);
      return sending;
    });
  };

  /** Sends what is due now and waits for those sends; answers how many it took. */
  const runOnce = async (): Promise<number> => {
    const started = await fill();
    await Promise.all(started);
    return started.length;
  };

  function tick() {
    if (claiming || stopped) return;
    claiming = fill()
      .catch(outages.failed)
      .finally(() => {
        claiming = undefined;
      });
  }
  const timer = setInterval(tick, pollMs);
  timer.unref();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await claiming;
      await Promise.all(inFlight);
    },
  };
}
