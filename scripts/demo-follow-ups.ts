import { type Database, schema } from '@tenpoint/api';
import { and, eq } from 'drizzle-orm';

const hourMs = 60 * 60 * 1000;
const dayMs = 24 * hourMs;

const resolutions = [
  'Called back; the export bug they hit is fixed in 4.2.',
  'Walked them through bank sync on a call; they are happy now.',
  'Refunded the double charge and apologised.',
  'Logged as a feature request (bulk edit); told them when it ships.',
  'No answer to two emails; closing.',
];
const tagsByTheme = [['exports'], ['bank sync'], ['billing'], ['feature request'], ['no answer']];

/**
 * Gives the demo's low scores the follow-up a working team would have: the old ones closed, a day
 * or two after they came in, the last week's partly in progress, the last two days' new, so that the
 * inbox and the follow-up figures have something true to show.
 */
export async function seedDemoFollowUps(db: Database, siteId: string, now = Date.now()) {
  const [owner] = await db
    .select({ memberId: schema.members.id })
    .from(schema.members)
    .innerJoin(schema.sites, eq(schema.sites.organizationId, schema.members.organizationId))
    .where(and(eq(schema.sites.id, siteId), eq(schema.members.role, 'owner')))
    .limit(1);
  const lows = await db
    .select({ id: schema.responses.id, comment: schema.responses.comment, createdAt: schema.responses.createdAt })
    .from(schema.responses)
    .where(and(eq(schema.responses.siteId, siteId), eq(schema.responses.band, 'low')));
  const rows: Array<typeof schema.followUps.$inferInsert> = [];
  lows.forEach((response, index) => {
    const age = now - response.createdAt.getTime();
    if (age < 2 * dayMs) return;
    const recent = age < 8 * dayMs;
    // Every third recent one is still in progress; some old ones were never picked up, more of
    // those without a comment.
    if (!recent && index % (response.comment ? 9 : 3) === 0) return;
    const firstFollowUpAt = new Date(response.createdAt.getTime() + (2 + (index % 40)) * hourMs);
    const theme = index % resolutions.length;
    const closed = !recent || index % 3 !== 0;
    rows.push({
      siteId,
      responseId: response.id,
      state: closed ? 'closed' : 'in_progress',
      ownerMemberId: owner?.memberId ?? null,
      resolution: closed ? resolutions[theme]! : null,
      tags: tagsByTheme[theme]!,
      firstFollowUpAt,
      closedAt: closed ? new Date(firstFollowUpAt.getTime() + dayMs) : null,
      createdAt: firstFollowUpAt,
      updatedAt: firstFollowUpAt,
    });
  });
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insert(schema.followUps)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing();
  return rows.length;
}
