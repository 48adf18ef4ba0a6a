import { categoryName } from '@tenpoint/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../app-env.ts';
import type { Database } from '../../db/client.ts';
import { declines, impressions, responses, surveys, users } from '../../db/schema/index.ts';
import { ApiError } from '../../errors.ts';
import { requireSecretKey } from '../../middleware/secret-key.ts';
import { foldTallies } from '../../scores/tally-folder.ts';

/** Everything stored about one user of a site, as a data-subject access request needs it. */
async function exportUser(db: Database, siteId: string, userId: string) {
  const ofUser = (table: { siteId: PgColumn; userId: PgColumn }) => and(eq(table.siteId, siteId), eq(table.userId, userId));
  const [user] = await db.select().from(users).where(ofUser(users));
  const answers = await db
    .select({ response: responses, type: surveys.type })
    .from(responses)
    .innerJoin(surveys, and(eq(surveys.siteId, responses.siteId), eq(surveys.id, responses.surveyId)))
    .where(ofUser(responses))
    .orderBy(asc(responses.createdAt));
  const dismissals = await db.select().from(declines).where(ofUser(declines)).orderBy(asc(declines.createdAt));
  const showings = await db.select().from(impressions).where(ofUser(impressions)).orderBy(asc(impressions.shownAt));
  if (!user && answers.length + dismissals.length + showings.length === 0) return null;
  return {
    user: user
      ? { userId: user.userId, email: user.email, accountId: user.accountId, traits: user.traits, locale: user.locale, signedUpAt: user.signedUpAt, firstSeenAt: user.firstSeenAt, lastSeenAt: user.lastSeenAt }
      : null,
    responses: answers.map(({ response, type }) => ({
      id: response.id,
      surveyId: response.surveyId,
      score: response.score,
      category: categoryName(type, response.band),
      comment: response.comment,
      locale: response.locale,
      url: response.url,
      userTraits: response.userTraits,
      accountTraits: response.accountTraits,
      createdAt: response.createdAt,
      updatedAt: response.updatedAt,
    })),
    declines: dismissals.map(({ id, surveyId, locale, userTraits, accountTraits, createdAt }) => ({ id, surveyId, locale, userTraits, accountTraits, createdAt })),
    impressions: showings.map(({ id, surveyId, shownAt }) => ({ id, surveyId, shownAt })),
  };
}

/** Export and erasure of one user's data (GDPR articles 15 and 17). */
export function userRoutes(deps: AppDeps) {
  const notFound = (userId: string) => new ApiError('not_found', `userId: nothing is stored about ${userId} on this site`);
  return new Hono<AppEnv>()
    .use(requireSecretKey(deps))
    .get('/:userId', async (c) => {
      const userId = c.req.param('userId');
      const exported = await exportUser(deps.db, c.get('site').id, userId);
      if (!exported) throw notFound(userId);
      return c.json(exported);
    })
    .delete('/:userId', async (c) => {
      const siteId = c.get('site').id;
      const userId = c.req.param('userId');
      // One transaction: the answers leave every score (the tallies follow by trigger) together with the person.
      const erased = await deps.db.transaction(async (tx) => {
        const gone = async <T extends typeof responses | typeof declines | typeof impressions | typeof users>(table: T) =>
          (await tx.delete(table).where(and(eq(table.siteId, siteId), eq(table.userId, userId))).returning({ siteId: table.siteId })).length;
        return { responses: await gone(responses), declines: await gone(declines), impressions: await gone(impressions), user: await gone(users) };
      });
      if (erased.responses + erased.declines + erased.impressions + erased.user === 0) throw notFound(userId);
      // The log holds the erased answers' traits until folded, and a segment left empty is removed
      // by the fold: done now rather than within the second, when no other fold is running.
      await foldTallies(deps.db);
      return c.json({ erased: { responses: erased.responses, declines: erased.declines, impressions: erased.impressions } });
    });
}
