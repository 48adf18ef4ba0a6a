import type { FollowUpEntryAnswer } from '@tenpoint/shared';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Caller } from '../../app-env.ts';
import type { Database } from '../../db/client.ts';
import { consoleUsers, followUpEntries, followUps, members, responses, type Site, surveys, users } from '../../db/schema/index.ts';
import type { Mailer } from '../../email/mailer.ts';
import { ApiError } from '../../errors.ts';
import { isUuid } from '../../input/ids.ts';
import { replyAddress, replyEmail } from './reply-message.ts';

interface Member {
  memberId: string;
  name: string;
  email: string;
}

const memberColumns = { memberId: members.id, name: consoleUsers.name, email: consoleUsers.email };

/** The response, its survey and the respondent's email, of this site only. */
async function readRespondent(db: Database, siteId: string, responseId: string) {
  if (!isUuid(responseId)) return undefined;
  const [row] = await db
    .select({
      userId: responses.userId,
      score: responses.score,
      comment: responses.comment,
      createdAt: responses.createdAt,
      type: surveys.type,
      productName: surveys.productName,
      email: users.email,
      ownerMemberId: followUps.ownerMemberId,
    })
    .from(responses)
    .innerJoin(surveys, and(eq(surveys.siteId, responses.siteId), eq(surveys.id, responses.surveyId)))
    .leftJoin(users, and(eq(users.siteId, responses.siteId), eq(users.userId, responses.userId)))
    .leftJoin(followUps, and(eq(followUps.siteId, responses.siteId), eq(followUps.responseId, responses.id)))
    .where(and(eq(responses.siteId, siteId), eq(responses.id, responseId)));
  return row;
}

async function memberOf(db: Database, where: SQL | undefined): Promise<Member | undefined> {
  const [row] = await db.select(memberColumns).from(members).innerJoin(consoleUsers, eq(consoleUsers.id, members.userId)).where(where);
  return row;
}

export interface ReplyRequest {
  site: Site;
  caller: Caller;
  responseId: string;
  subject: string | undefined;
  body: string;
  now: Date;
}

/**
 * Emails the respondent a member's reply, from the response's owner (the caller becomes the owner
 * of a response that has none), and records it in the thread with what the SMTP server did. The
 * mailer's timeouts bound the wait; a refusal is recorded, not thrown.
 */
export async function sendReply(db: Database, mailer: Mailer, request: ReplyRequest): Promise<FollowUpEntryAnswer> {
  const { site, caller, responseId, now } = request;
  const respondent = await readRespondent(db, site.id, responseId);
  if (!respondent) throw new ApiError('not_found', `id: no response ${responseId} on this site`);
  const to = replyAddress(respondent.email);
  if (!to) throw new ApiError('conflict', 'the respondent’s email is not known: send it with identify (user.email) to be able to reply');
  const author =
    caller.kind === 'member' && site.organizationId
      ? await memberOf(db, and(eq(members.organizationId, site.organizationId), eq(members.userId, caller.userId)))
      : undefined;
  const owner = respondent.ownerMemberId ? await memberOf(db, eq(members.id, respondent.ownerMemberId)) : author;
  if (!owner) throw new ApiError('conflict', 'this response has no owner: assign an owner first, whose email the respondent can answer');

  const message = replyEmail({
    to,
    subject: request.subject,
    body: request.body,
    senderName: (author ?? owner).name,
    siteName: site.name,
    productName: respondent.productName,
    replyTo: owner.email,
    answer: respondent,
    aboutUser: { siteId: site.id, userId: respondent.userId },
  });
  // A copy kept in the outbox (no SMTP server, or refused) is the organization's owners' to pass on.
  const outcome = await mailer.send({ ...message, organizationId: site.organizationId });
  return db.transaction(async (tx) => {
    await tx
      .insert(followUps)
      .values({ siteId: site.id, responseId, state: 'in_progress', ownerMemberId: owner.memberId, firstFollowUpAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [followUps.siteId, followUps.responseId],
        set: {
          ownerMemberId: sql`coalesce(${followUps.ownerMemberId}, ${owner.memberId}::uuid)`,
          firstFollowUpAt: sql`coalesce(${followUps.firstFollowUpAt}, ${now.toISOString()}::timestamptz)`,
          state: sql`case when ${followUps.state} = 'new' then 'in_progress' else ${followUps.state} end`,
          updatedAt: now,
        },
      });
    const [entry] = await tx
      .insert(followUpEntries)
      .values({
        siteId: site.id,
        responseId,
        kind: 'reply',
        authorMemberId: author?.memberId ?? null,
        author: author ? `${author.name} <${author.email}>` : caller.label,
        body: request.body,
        subject: message.subject,
        sentTo: to,
        deliveryStatus: outcome.status,
        deliveryError: outcome.status === 'failed' ? outcome.reason : null,
        createdAt: now,
      })
      .returning();
    return {
      id: entry!.id,
      kind: 'reply',
      author: { memberId: entry!.authorMemberId, name: author?.name ?? caller.label },
      body: entry!.body,
      subject: entry!.subject,
      sentTo: entry!.sentTo,
      delivery: outcome.status,
      deliveryError: entry!.deliveryError,
      createdAt: entry!.createdAt.toISOString(),
    };
  });
}
