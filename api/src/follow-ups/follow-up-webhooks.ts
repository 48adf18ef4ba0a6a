import type { FollowUpAnswer } from '@tenpoint/shared';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';

/**
 * Queues `event` for these responses in the caller's transaction, with the response payload of the
 * response events plus `followUp` (webhooks/outbox.sql matches the subscriptions and their filters).
 */
export async function queueFollowUpWebhooks(
  tx: Pick<Database, 'execute'>,
  siteId: string,
  event: 'response.assigned' | 'response.closed',
  responseIds: readonly string[],
  followUps: ReadonlyMap<string, FollowUpAnswer>,
): Promise<void> {
  if (responseIds.length === 0) return;
  const byId = JSON.stringify(Object.fromEntries(responseIds.map((id) => [id, followUps.get(id)])));
  await tx.execute(sql`
    select tenpoint_queue_webhooks(${event}, 'response', (
      select jsonb_agg(to_jsonb(r) || jsonb_build_object('follow_up', ${byId}::jsonb -> r.id::text))
      from responses r
      where r.site_id = ${siteId} and r.id in (${sql.join(
        responseIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}) and not r.test))`);
}
