import type { FollowUpEntryAnswer } from '@tenpoint/shared';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Database } from '../db/client.ts';
import { followUpEntries, followUps, responses } from '../db/schema/index.ts';
import { ApiError } from '../errors.ts';
import { authorName, callerMember } from './members-of-site.ts';

type Entry = typeof followUpEntries.$inferSelect;

export const entryAnswer = (entry: Entry): FollowUpEntryAnswer => ({
  id: entry.id,
  kind: entry.kind,
  author: { memberId: entry.authorMemberId, name: entry.author },
  body: entry.body,
  subject: entry.subject,
  sentTo: entry.sentTo,
  delivery: entry.deliveryStatus,
  deliveryError: entry.deliveryError,
  createdAt: entry.createdAt.toISOString(),
});

/** The thread of one response, oldest entry first. */
export async function threadOf(db: Pick<Database, 'select'>, siteId: string, responseId: string): Promise<FollowUpEntryAnswer[]> {
  const rows = await db
    .select()
    .from(followUpEntries)
    .where(and(eq(followUpEntries.siteId, siteId), eq(followUpEntries.responseId, responseId)))
    .orderBy(asc(followUpEntries.createdAt), asc(followUpEntries.id));
  return rows.map(entryAnswer);
}

/** Marks a response followed up now, unless it already was: its follow-up row is made if missing. */
export async function markFollowedUp(tx: Pick<Database, 'insert'>, siteId: string, responseId: string, now: Date): Promise<void> {
  await tx
    .insert(followUps)
    .values({ siteId, responseId, firstFollowUpAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [followUps.siteId, followUps.responseId],
      set: { firstFollowUpAt: sql`coalesce(${followUps.firstFollowUpAt}, ${now.toISOString()}::timestamptz)`, updatedAt: now },
    });
}

/** Adds an internal note to a response of the request's site; 404 for any other id. */
export async function addNote(db: Database, c: Context<AppEnv>, responseId: string, body: string, now: Date): Promise<FollowUpEntryAnswer> {
  const site = c.get('site');
  const caller = c.get('caller');
  const member = await callerMember(db, site, caller);
  return db.transaction(async (tx) => {
    const [response] = await tx
      .select({ id: responses.id })
      .from(responses)
      .where(and(eq(responses.siteId, site.id), eq(responses.id, responseId)));
    if (!response) throw new ApiError('not_found', `id: no response ${responseId} on this site`);
    const [entry] = await tx
      .insert(followUpEntries)
      .values({
        siteId: site.id,
        responseId,
        kind: 'note',
        authorMemberId: member?.memberId ?? null,
        author: authorName(member, caller),
        body,
        createdAt: now,
      })
      .returning();
    await markFollowedUp(tx, site.id, responseId, now);
    // The note's words stay out of the audit log: an erasure must leave nothing of the user there.
    await recordAudit(tx, c, { action: 'response.note_added', target: `response ${responseId}` });
    return entryAnswer(entry!);
  });
}
