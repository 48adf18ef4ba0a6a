import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import { send } from './send.ts';
import { signatureHeader } from './signature.ts';
import { slackMessage } from './slack-message.ts';

export interface DeliveryOptions {
  allowPrivateAddresses: boolean;
  /** Linked from chat messages. */
  dashboardUrl?: string | undefined;
  pollMs?: number;
  /** The first retry's wait; each further one doubles, up to an hour, with ±20% jitter. */
  retryBaseMs?: number;
  /** After this long without success a delivery is failed and its subscription paused. */
  giveUpAfterMs?: number;
  /** How long a claimed delivery stays another worker's: longer than a send can take. */
  leaseMs?: number;
}

const batch = 10;
const maxRetryMs = 60 * 60 * 1000;

interface Claimed {
  site_id: string;
  id: string;
  webhook_id: string;
  event: string;
  payload: Record<string, unknown>;
  attempts: number;
  created_at: unknown;
  url: string;
  secret: string;
  format: 'event' | 'slack';
}

/** The body a receiver gets, as signed. */
export function deliveryBody(delivery: Pick<Claimed, 'id' | 'event' | 'payload' | 'created_at' | 'format'>, dashboardUrl?: string): string {
  if (delivery.format === 'slack') return JSON.stringify(slackMessage(delivery.event, delivery.payload, dashboardUrl));
  const createdAt = new Date(delivery.created_at as string).toISOString();
  return JSON.stringify({ id: delivery.id, type: delivery.event, createdAt, data: delivery.payload });
}

export function retryDelayMs(attempts: number, baseMs: number, random = Math.random): number {
  return Math.min(maxRetryMs, baseMs * 2 ** Math.max(0, attempts - 1)) * (0.8 + 0.4 * random());
}

/**
 * Sends the outbox. Any number of API processes may run one: each claims due deliveries with
 * FOR UPDATE SKIP LOCKED and a lease, so a delivery goes out from one process at a time, and one
 * whose process died is taken up again when its lease ends.
 */
export function startDeliveryWorker(db: Database, options: DeliveryOptions) {
  const { allowPrivateAddresses, dashboardUrl, pollMs = 1000, retryBaseMs = 30_000, giveUpAfterMs = 24 * 60 * 60 * 1000, leaseMs = 60_000 } = options;
  let running: Promise<number> | undefined;
  let stopped = false;
  let warned = false;

  const claim = async (): Promise<Claimed[]> =>
    rowsOf(
      await db.execute(sql`
        update webhook_deliveries d set lease_until = now() + make_interval(secs => ${leaseMs / 1000}), attempts = d.attempts + 1
        from webhooks w
        where (d.site_id, d.id) in (
          select due.site_id, due.id from webhook_deliveries due
          join webhooks live on live.site_id = due.site_id and live.id = due.webhook_id and live.paused_at is null
          where due.status = 'pending' and due.next_attempt_at <= now() and (due.lease_until is null or due.lease_until < now())
          order by due.next_attempt_at limit ${batch}
          for update of due skip locked)
          and w.site_id = d.site_id and w.id = d.webhook_id
        returning d.site_id, d.id, d.webhook_id, d.event, d.payload, d.attempts, d.created_at, w.url, w.secret, w.format`),
    ) as unknown as Claimed[];

  const deliver = async (delivery: Claimed) => {
    const body = deliveryBody(delivery, dashboardUrl);
    const result = await send(
      delivery.url,
      body,
      {
        'Tenpoint-Signature': signatureHeader(delivery.secret, body),
        'Tenpoint-Delivery': delivery.id,
        'Tenpoint-Event': delivery.event,
        'User-Agent': 'Tenpoint-Webhooks/1',
      },
      allowPrivateAddresses,
    );
    const key = sql`site_id = ${delivery.site_id} and id = ${delivery.id}`;
    if (result.ok) {
      await db.execute(sql`update webhook_deliveries set status = 'delivered', delivered_at = now(), last_status = ${result.status ?? null},
        last_error = null, lease_until = null where ${key}`);
      return;
    }
    const error = (result.error ?? 'failed').slice(0, 500);
    const givingUp = Date.now() - new Date(delivery.created_at as string).getTime() >= giveUpAfterMs;
    if (givingUp) {
      await db.transaction(async (tx) => {
        await tx.execute(sql`update webhook_deliveries set status = 'failed', last_status = ${result.status ?? null}, last_error = ${error},
          lease_until = null where ${key}`);
        await tx.execute(sql`update webhooks set paused_at = now(),
          paused_reason = ${`paused: deliveries kept failing for ${Math.round(giveUpAfterMs / 3_600_000)} h; last error: ${error}`}
          where site_id = ${delivery.site_id} and id = ${delivery.webhook_id} and paused_at is null`);
      });
      return;
    }
    const retryAt = new Date(Date.now() + retryDelayMs(delivery.attempts, retryBaseMs));
    await db.execute(sql`update webhook_deliveries set next_attempt_at = ${retryAt.toISOString()}, last_status = ${result.status ?? null},
      last_error = ${error}, lease_until = null where ${key}`);
  };

  /** Sends what is due now; answers how many it took. */
  const runOnce = async (): Promise<number> => {
    const due = await claim();
    await Promise.all(due.map(deliver));
    return due.length;
  };

  const tick = () => {
    if (running || stopped) return;
    running = (async () => {
      let total = 0;
      for (let taken = batch; taken === batch && !stopped; ) {
        taken = await runOnce();
        total += taken;
      }
      return total;
    })()
      .catch((error: unknown) => {
        if (!warned) console.error(`[tenpoint] sending webhooks failed, will retry: ${(error as Error).message}`);
        warned = true;
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, pollMs);
  timer.unref();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
