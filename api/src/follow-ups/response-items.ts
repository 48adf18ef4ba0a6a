import type { FollowUpAnswer, InboxItem } from '@tenpoint/shared';
import { surveyTypes } from '@tenpoint/shared/scores';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';
import { responseRow, storedResponse } from '../responses/find-responses.ts';
import { replyAddress } from './replies/reply-message.ts';

/**
 * A response's follow-up state: a missing row is `new`, unassigned; but an answer imported from
 * another tool's export is history, `closed` until someone opens it, so that it never floods the inbox.
 */
export const followUpState = sql`coalesce(f.state, case when r.imported_from is null then 'new' else 'closed' end)`;

// Responses with their survey, follow-up, owner and whether the user's email is known. `r`
// responses, `s` surveys, `f` follow_ups.
const selected = sql`r.id, r.survey_id as "surveyId", r.score, r.band, r.comment, r.locale, r.url, r.user_id as "userId",
  r.user_traits as "userTraits", r.account_id as "accountId", r.account_traits as "accountTraits", r.created_at as "createdAt",
  r.updated_at as "updatedAt", r.test, r.imported_from as "importedFrom",
  to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "exactCreatedAt",
  s.type as "surveyType", s.name as "surveyName",
  ${followUpState} as state, f.owner_member_id as "ownerId", owner.name as "ownerName", owner.email as "ownerEmail",
  f.resolution, to_jsonb(coalesce(f.tags, '{}'::text[])) as tags, f.first_follow_up_at as "firstFollowUpAt", f.closed_at as "closedAt",
  f.updated_at as "followUpUpdatedAt",
  (select u.email from users u where u.site_id = r.site_id and u.user_id = r.user_id) as "userEmail"`;

export const itemsFrom = sql`responses r
  join surveys s on s.site_id = r.site_id and s.id = r.survey_id
  left join follow_ups f on f.site_id = r.site_id and f.response_id = r.id
  left join lateral (
    select cu.name, cu.email from members m join console_users cu on cu.id = m.user_id where m.id = f.owner_member_id
  ) owner on true`;

const optionalTime = z.union([z.date(), z.string(), z.null()]).transform((value) => (value === null ? null : new Date(value)));

const itemRow = responseRow.extend({
  surveyType: z.enum(surveyTypes),
  surveyName: z.string(),
  state: z.enum(['new', 'in_progress', 'closed']),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  ownerEmail: z.string().nullable(),
  resolution: z.string().nullable(),
  tags: z.array(z.string()),
  firstFollowUpAt: optionalTime,
  closedAt: optionalTime,
  followUpUpdatedAt: optionalTime,
  userEmail: z.string().nullable(),
  rank: z.number().optional(),
});
export type ItemRow = z.infer<typeof itemRow>;

export function followUpOf(row: ItemRow): FollowUpAnswer {
  return {
    state: row.state,
    owner: row.ownerId === null ? null : { memberId: row.ownerId, name: row.ownerName ?? '', email: row.ownerEmail ?? '' },
    resolution: row.resolution,
    tags: row.tags,
    firstFollowUpAt: row.firstFollowUpAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    updatedAt: row.followUpUpdatedAt?.toISOString() ?? null,
  };
}

export const inboxItem = (row: ItemRow): InboxItem => ({
  ...storedResponse({ type: row.surveyType }, row),
  survey: { id: row.surveyId, type: row.surveyType, name: row.surveyName },
  followUp: followUpOf(row),
  // The same test the reply itself passes: what the inbox offers, the reply can do.
  replyable: replyAddress(row.userEmail) !== undefined,
});

/** Response items of one site matching `where` (on `r`, `s`, `f`), in `order`. */
export function queryItems(db: Pick<Database, 'execute'>, siteId: string, where: SQL, tail: SQL = sql``): Promise<ItemRow[]> {
  return queryRows(
    db,
    sql`select ${selected}, ${inboxRank} as rank from ${itemsFrom} where r.site_id = ${siteId} and ${where} ${tail}`,
    itemRow,
  );
}

/** Low scores with a comment first (0), then other low scores (1), then the rest (2). */
export const inboxRank = sql`(case when r.band = 'low' and coalesce(r.comment, '') <> '' then 0 when r.band = 'low' then 1 else 2 end)`;

/** The one response of the site, with its follow-up; undefined for an unknown id or another site's. */
export async function findItem(db: Pick<Database, 'execute'>, siteId: string, responseId: string): Promise<ItemRow | undefined> {
  const [row] = await queryItems(db, siteId, sql`r.id = ${responseId}`);
  return row;
}
