import type { InboxQuery } from '@tenpoint/shared';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { numberColumn, queryRows } from '../db/query-rows.ts';
import { SqlText } from '../db/sql-names.ts';
import { ApiError } from '../errors.ts';
import { isUuid } from '../input/ids.ts';
import { pageCursor } from '../input/page-cursor.ts';
import { instantOf, readTraitFilters } from '../scores/score-query.ts';
import { traitSegment } from '../scores/segments.ts';
import { followUpState, type ItemRow, inboxItem, inboxRank, queryItems } from './response-items.ts';

// Every survey type's categories by band: `detractor` is the low band of a CSAT survey too.
const bandOfAnyCategory = { detractor: 'low', low: 'low', passive: 'middle', middle: 'middle', promoter: 'high', high: 'high' } as const;
const open = sql`${followUpState} <> 'closed'`;
const aliased = { userTraits: new SqlText('r.user_traits'), accountTraits: new SqlText('r.account_traits') };

/** Where a page ends: the rank, time and id of its last item, as an opaque string. */
const cursorSchema = z
  .object({
    rank: z.int().min(0).max(2),
    createdAt: z
      .string()
      .regex(/^(19\d\d|2[01]\d\d)-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/)
      .refine((text) => Number.isFinite(Date.parse(text))),
    id: z.uuid(),
  })
  .strict();
const cursors = pageCursor(cursorSchema);

function conditions(query: InboxQuery, raw: Iterable<[string, string]>, me: string | undefined): SQL {
  const parts = [sql`not r.test`];
  if (query.state === 'open') parts.push(open);
  if (query.state === 'new') parts.push(sql`${followUpState} = 'new'`);
  if (query.state === 'in_progress' || query.state === 'closed') parts.push(sql`${followUpState} = ${query.state}`);
  if (query.owner === 'me') {
    if (!me) throw new ApiError('invalid_request', 'owner: me means the signed-in member; a key is nobody, name a member id instead');
    parts.push(sql`f.owner_member_id = ${me}`);
  } else if (query.owner === 'none') parts.push(sql`f.owner_member_id is null`);
  else if (query.owner) {
    if (!isUuid(query.owner)) throw new ApiError('invalid_request', 'owner: must be me, none or a member id');
    parts.push(sql`f.owner_member_id = ${query.owner.toLowerCase()}::uuid`);
  }
  if (query.tag) parts.push(sql`exists (select 1 from unnest(f.tags) t where lower(t) = lower(${query.tag}))`);
  if (query.category) parts.push(sql`r.band = ${bandOfAnyCategory[query.category]}`);
  if (query.hasComment === 'true') parts.push(sql`coalesce(r.comment, '') <> ''`);
  if (query.hasComment === 'false') parts.push(sql`coalesce(r.comment, '') = ''`);
  if (query.accountId !== undefined) parts.push(sql`r.account_id = ${query.accountId}`);
  if (query.surveyId) parts.push(sql`r.survey_id = ${query.surveyId.toLowerCase()}::uuid`);
  const start = query.from === undefined ? undefined : instantOf(query.from, query.tz);
  const end = query.to === undefined ? undefined : instantOf(query.to, query.tz, true);
  if (start && end && start >= end) throw new ApiError('invalid_request', 'from: must be before to');
  if (start) parts.push(sql`r.created_at >= ${start.toISOString()}`);
  if (end) parts.push(sql`r.created_at < ${end.toISOString()}`);
  for (const [name, value] of Object.entries(readTraitFilters(raw))) parts.push(sql`${traitSegment(name, aliased)} = ${value}`);
  return sql.join(parts, sql` and `);
}

const countsRow = z.object({ open: numberColumn, unassigned: numberColumn, mine: numberColumn });

/** Open, unassigned and (for a member) their own open responses of the site, any filter aside. */
async function inboxCounts(db: Database, siteId: string, me: string | undefined) {
  const [row] = await queryRows(
    db,
    sql`select count(*) as open, count(*) filter (where f.owner_member_id is null) as unassigned,
      count(*) filter (where f.owner_member_id = ${me ?? null}::uuid) as mine
      from responses r left join follow_ups f on f.site_id = r.site_id and f.response_id = r.id
      where r.site_id = ${siteId} and not r.test and ${open}`,
    countsRow,
  );
  return { open: row?.open ?? 0, unassigned: row?.unassigned ?? 0, mine: me ? (row?.mine ?? 0) : null };
}

/** One page of the inbox: low scores with a comment first, then other low ones, then the rest; the oldest first in each. */
export async function findInbox(db: Database, siteId: string, query: InboxQuery, raw: Iterable<[string, string]>, me: string | undefined) {
  const cursor = query.cursor === undefined ? undefined : cursors.decode(query.cursor);
  const where = sql`${conditions(query, raw, me)} ${
    cursor ? sql`and (${inboxRank}, r.created_at, r.id) > (${cursor.rank}, ${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)` : sql``
  }`;
  const rows: ItemRow[] = await queryItems(db, siteId, where, sql`order by ${inboxRank}, r.created_at, r.id limit ${query.limit + 1}`);
  const last = rows[query.limit - 1];
  const nextCursor =
    rows.length > query.limit && last ? cursors.encode({ rank: last.rank ?? 2, createdAt: last.exactCreatedAt, id: last.id }) : null;
  return { data: rows.slice(0, query.limit).map(inboxItem), nextCursor, counts: await inboxCounts(db, siteId, me) };
}
