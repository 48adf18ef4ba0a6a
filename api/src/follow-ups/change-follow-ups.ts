import type { FollowUpPatch } from '@tenpoint/shared';
import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Database } from '../db/client.ts';
import { type FollowUpState, followUps } from '../db/schema/index.ts';
import { ApiError } from '../errors.ts';
import { queueFollowUpWebhooks } from './follow-up-webhooks.ts';
import { memberOfSite } from './members-of-site.ts';
import { followUpOf, queryItems } from './response-items.ts';
import { nextTags, sameTags } from './tag-changes.ts';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

interface Before {
  state: FollowUpState;
  ownerId: string | null;
  resolution: string | null;
  tags: string[];
  firstFollowUpAt: Date | null;
  closedAt: Date | null;
}

/**
 * Applies one change to responses of the request's site, all or none: an invalid change to any of
 * them changes none. Answers the ids changed (or already so) and those that are no response of the site.
 */
export async function changeFollowUps(
  db: Database,
  c: Context<AppEnv>,
  responseIds: readonly string[],
  patch: FollowUpPatch,
  now: Date,
): Promise<{ updated: string[]; notFound: string[] }> {
  const site = c.get('site');
  if (patch.state === 'closed' && patch.resolution === null)
    throw new ApiError('invalid_request', 'resolution: closing needs a resolution; say how it was resolved');
  if (patch.ownerId && !(await memberOfSite(db, site, patch.ownerId)))
    throw new ApiError('invalid_request', "ownerId: no member of this site's organization has this id");
  const ids = [...new Set(responseIds.map((id) => id.toLowerCase()))];
  return db.transaction(async (tx) => {
    const idList = sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    // Locks the rows changed, so that two changes at once apply one after the other.
    await tx.execute(sql`select 1 from follow_ups where site_id = ${site.id} and response_id in (${idList}) for update`);
    const rows = await queryItems(tx, site.id, sql`r.id in (${idList})`);
    const found = new Set(rows.map((row) => row.id));
    const assigned: string[] = [];
    const closed: string[] = [];
    for (const row of rows) {
      const before: Before = { ...row, state: row.state };
      const after = {
        state: patch.state ?? before.state,
        ownerId: patch.ownerId === undefined ? before.ownerId : patch.ownerId,
        resolution: patch.resolution === undefined ? before.resolution : patch.resolution,
        tags: nextTags(before.tags, patch),
      };
      if (after.state === 'closed' && !after.resolution)
        throw new ApiError(
          'invalid_request',
          `resolution: closing needs a resolution (response ${row.id} has none); say how it was resolved`,
        );
      const changed = {
        state: after.state !== before.state,
        owner: after.ownerId !== before.ownerId,
        tags: !sameTags(after.tags, before.tags),
        resolution: after.resolution !== before.resolution,
      };
      if (!Object.values(changed).some(Boolean)) continue;
      await tx
        .insert(followUps)
        .values({
          siteId: site.id,
          responseId: row.id,
          ...after,
          ownerMemberId: after.ownerId,
          firstFollowUpAt: before.firstFollowUpAt ?? now,
          closedAt: after.state === 'closed' ? (changed.state ? now : before.closedAt) : null,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: [followUps.siteId, followUps.responseId],
          set: {
            state: after.state,
            ownerMemberId: after.ownerId,
            resolution: after.resolution,
            tags: after.tags,
            firstFollowUpAt: sql`coalesce(${followUps.firstFollowUpAt}, ${now.toISOString()}::timestamptz)`,
            closedAt: after.state === 'closed' ? (changed.state ? now : before.closedAt) : null,
            updatedAt: now,
          },
        });
      await auditChange(tx, c, row.id, before, after, changed);
      if (!row.test && changed.owner && after.ownerId) assigned.push(row.id);
      if (!row.test && changed.state && after.state === 'closed') closed.push(row.id);
    }
    if (assigned.length || closed.length) {
      const current = new Map((await queryItems(tx, site.id, sql`r.id in (${idList})`)).map((row) => [row.id, followUpOf(row)]));
      await queueFollowUpWebhooks(tx, site.id, 'response.assigned', assigned, current);
      await queueFollowUpWebhooks(tx, site.id, 'response.closed', closed, current);
    }
    return { updated: ids.filter((id) => found.has(id)), notFound: ids.filter((id) => !found.has(id)) };
  });
}

// Team words and states only: never a note, a resolution's text, or anything of the end user.
async function auditChange(
  tx: Transaction,
  c: Context<AppEnv>,
  responseId: string,
  before: Before,
  after: { state: FollowUpState; ownerId: string | null; tags: string[] },
  changed: { state: boolean; owner: boolean; tags: boolean },
) {
  const target = `response ${responseId}`;
  if (changed.owner)
    await recordAudit(tx, c, {
      action: 'response.assigned',
      target,
      before: { ownerMemberId: before.ownerId },
      after: { ownerMemberId: after.ownerId },
    });
  if (changed.state)
    await recordAudit(tx, c, {
      action: after.state === 'closed' ? 'response.closed' : 'response.state_changed',
      target,
      before: { state: before.state },
      after: { state: after.state },
    });
  if (changed.tags)
    await recordAudit(tx, c, { action: 'response.tagged', target, before: { tags: before.tags }, after: { tags: after.tags } });
}
