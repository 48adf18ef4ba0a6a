import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { jsonColumn, queryRows, timestampColumn } from '../db/query-rows.ts';
import { webhookDeliveries, webhooks } from '../db/schema/index.ts';
import { sqlNames } from '../db/sql-names.ts';
import { withIsoTimestamps } from './timestamps.ts';

type Executor = Pick<Database, 'execute'>;

const d = sqlNames(webhookDeliveries);
const w = sqlNames(webhooks);
const aboutUser = (siteId: string, userId: string) => sql`d.${d.siteId} = ${siteId} and d.${d.payload} -> 'user' ->> 'userId' = ${userId}`;

const deliveryRow = z.object({
  id: z.string(),
  webhookId: z.string(),
  url: z.string(),
  event: z.string(),
  status: z.string(),
  payload: jsonColumn<Record<string, unknown>>(),
  createdAt: timestampColumn,
  deliveredAt: timestampColumn.nullable(),
});

/** The webhook deliveries that carry a user's data, with where they go: part of their export. */
export async function deliveriesAboutUser(db: Executor, siteId: string, userId: string) {
  const rows = await queryRows(
    db,
    sql`select d.${d.id} as id, d.${d.webhookId} as "webhookId", w.${w.url} as url, d.${d.event} as event, d.${d.status} as status,
        d.${d.payload} as payload, d.${d.createdAt} as "createdAt", d.${d.deliveredAt} as "deliveredAt"
      from ${d.$table} d join ${w.$table} w on w.${w.siteId} = d.${d.siteId} and w.${w.id} = d.${d.webhookId}
      where ${aboutUser(siteId, userId)} order by d.${d.createdAt}, d.${d.id}`,
    deliveryRow,
  );
  return rows.map(({ payload, createdAt, deliveredAt, ...delivery }) => ({
    ...delivery,
    data: withIsoTimestamps(payload),
    createdAt: createdAt.toISOString(),
    deliveredAt: deliveredAt?.toISOString() ?? null,
  }));
}

/**
 * Erasure: deliveries not yet sent are dropped (a resumed subscription sends nothing about the
 * user); those sent or given up keep only their log entry, their data replaced. Answers how many.
 */
export async function eraseDeliveriesAboutUser(db: Executor, siteId: string, userId: string): Promise<number> {
  const idRow = z.object({ id: z.string() });
  const dropped = await queryRows(
    db,
    sql`delete from ${d.$table} d where ${aboutUser(siteId, userId)} and d.${d.status} = 'pending' returning d.${d.id}`,
    idRow,
  );
  const redacted = await queryRows(
    db,
    sql`update ${d.$table} d set ${d.payload} = '{"erased": true}'::jsonb where ${aboutUser(siteId, userId)} returning d.${d.id}`,
    idRow,
  );
  return dropped.length + redacted.length;
}
