import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { rowsOf, toDate } from '../db/rows.ts';
import { withIsoTimestamps } from './timestamps.ts';

type Executor = Pick<Database, 'execute'>;

const aboutUser = (siteId: string, userId: string) => sql`d.site_id = ${siteId} and d.payload -> 'user' ->> 'userId' = ${userId}`;

/** The webhook deliveries that carry a user's data, with where they go: part of their export. */
export async function deliveriesAboutUser(db: Executor, siteId: string, userId: string) {
  const rows = rowsOf(
    await db.execute(sql`select d.id, d.webhook_id, w.url, d.event, d.status, d.payload, d.created_at, d.delivered_at
      from webhook_deliveries d join webhooks w on w.site_id = d.site_id and w.id = d.webhook_id
      where ${aboutUser(siteId, userId)} order by d.created_at, d.id`),
  );
  return rows.map((row) => ({
    id: String(row.id),
    webhookId: String(row.webhook_id),
    url: String(row.url),
    event: String(row.event),
    status: String(row.status),
    data: withIsoTimestamps(row.payload as Record<string, unknown>),
    createdAt: toDate(row.created_at)!.toISOString(),
    deliveredAt: toDate(row.delivered_at)?.toISOString() ?? null,
  }));
}

/**
 * Erasure: deliveries not yet sent are dropped (a resumed subscription sends nothing about the
 * person); those sent or given up keep only their log entry, their data replaced. Answers how many.
 */
export async function eraseDeliveriesAboutUser(db: Executor, siteId: string, userId: string): Promise<number> {
  const dropped = rowsOf(await db.execute(sql`delete from webhook_deliveries d where ${aboutUser(siteId, userId)} and d.status = 'pending' returning d.id`));
  const redacted = rowsOf(
    await db.execute(sql`update webhook_deliveries d set payload = '{"erased": true}'::jsonb where ${aboutUser(siteId, userId)} returning d.id`),
  );
  return dropped.length + redacted.length;
}
