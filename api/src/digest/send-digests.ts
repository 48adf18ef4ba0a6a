import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { consoleUsers, memberSettings, members, organizations } from '../db/schema/index.ts';
import type { Mailer } from '../email/mailer.ts';
import type { Logger } from '../observability/logger.ts';
import { renderDigest } from './digest-email.ts';
import { organizationDigest } from './digest-figures.ts';
import { type DigestWeek, dueWeek } from './digest-week.ts';
import { unsubscribeSecret, unsubscribeToken } from './unsubscribe-token.ts';

export interface DigestDeps {
  db: Database;
  mailer: Mailer;
  /** Where people reach this API: the console's and the unsubscribe links. */
  publicUrl: string;
  now: () => Date;
  logger?: Logger | undefined;
}

/** The one-click link (also the `List-Unsubscribe` target) of a member's digest. */
export const unsubscribeUrl = (publicUrl: string, token: string) =>
  `${publicUrl.replace(/\/+$/, '')}/v1/digest/unsubscribe?token=${encodeURIComponent(token)}`;

/** A member's digest of `week`, laid out for email. */
export async function memberDigest(
  deps: Pick<DigestDeps, 'db' | 'publicUrl'>,
  member: { id: string; organizationId: string; organizationName: string },
  week: DigestWeek,
  now: Date,
) {
  const token = unsubscribeToken(await unsubscribeSecret(deps.db), member.id);
  const sites = await organizationDigest(deps.db, member.organizationId, week, now);
  const rendered = await renderDigest({
    organization: { id: member.organizationId, name: member.organizationName },
    week,
    sites,
    publicUrl: deps.publicUrl,
    unsubscribeUrl: unsubscribeUrl(deps.publicUrl, token),
  });
  return { ...rendered, unsubscribeUrl: unsubscribeUrl(deps.publicUrl, token) };
}

/**
 * One tick of the digest worker: when a digest is due (see dueWeek), each subscribed member not yet
 * sent this week's is claimed by a conditional update, so that of several processes exactly one
 * sends it; a send that fails gives the claim back, for the next tick to try again.
 */
export function digestTurn(deps: DigestDeps): () => Promise<void> {
  return async () => {
    const now = deps.now();
    const week = dueWeek(now);
    if (!week) return;
    const notYetSent = or(isNull(memberSettings.digestSentForWeek), lt(memberSettings.digestSentForWeek, week.start));
    const waiting = await deps.db
      .select({
        id: members.id,
        organizationId: members.organizationId,
        organizationName: organizations.name,
        email: consoleUsers.email,
        previous: memberSettings.digestSentForWeek,
      })
      .from(memberSettings)
      .innerJoin(members, eq(members.id, memberSettings.memberId))
      .innerJoin(organizations, eq(organizations.id, members.organizationId))
      .innerJoin(consoleUsers, eq(consoleUsers.id, members.userId))
      .where(and(eq(memberSettings.digest, 'weekly'), notYetSent))
      .limit(100);
    for (const member of waiting) {
      const claimed = await deps.db
        .update(memberSettings)
        .set({ digestSentForWeek: week.start })
        .where(and(eq(memberSettings.memberId, member.id), eq(memberSettings.digest, 'weekly'), notYetSent))
        .returning({ id: memberSettings.memberId });
      if (claimed.length === 0) continue;
      const giveBack = () =>
        deps.db
          .update(memberSettings)
          .set({ digestSentForWeek: member.previous })
          .where(and(eq(memberSettings.memberId, member.id), eq(memberSettings.digestSentForWeek, week.start)));
      try {
        const digest = await memberDigest(deps, member, week, now);
        const outcome = await deps.mailer.send({
          to: member.email,
          subject: digest.subject,
          paragraphs: [],
          rendered: { text: digest.text, html: digest.html },
          fromName: 'Tenpoint',
          headers: { 'List-Unsubscribe': `<${digest.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        });
        if (outcome.status === 'failed') await giveBack();
      } catch (error) {
        deps.logger?.error({ memberId: member.id, reason: (error as Error).message }, 'a weekly digest could not be built; trying again');
        await giveBack();
      }
    }
  };
}
