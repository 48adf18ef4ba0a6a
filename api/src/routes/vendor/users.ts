import { categoryName } from '@tenpoint/shared/scores';
import { and, asc, eq } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { AppDeps } from '../../deps.ts';
import type { Database } from '../../db/client.ts';
import { declines, impressions, responses, surveys, users } from '../../db/schema/index.ts';
import { ApiError } from '../../errors.ts';
import { requireSecretKey } from '../../middleware/secret-key.ts';
import { eraseUser } from '../../users/erase-user.ts';
import { deliveriesAboutUser } from '../../webhooks/deliveries-about-user.ts';

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
  const deliveries = await deliveriesAboutUser(db, siteId, userId);
  if (!user && answers.length + dismissals.length + showings.length + deliveries.length === 0) return null;
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
    /** What webhooks carried or will carry about the user, and to which URL. */
    webhookDeliveries: deliveries,
  };
}

/**
 * The user a call names: in the path, or as `?userId=` for the ids a path cannot carry (`.` and
 * `..` are resolved away by every HTTP client before the request leaves).
 */
function userIdOf(c: Context<AppEnv>): string {
  const userId = c.req.param('userId') ?? c.req.query('userId');
  if (!userId || userId.length > 200) throw new ApiError('invalid_request', 'userId: must be the id of a user, from 1 to 200 characters, as in ?userId=u_42');
  return userId;
}

/** Export and erasure of one user's data (GDPR articles 15 and 17). */
export function userRoutes(deps: AppDeps) {
  const notFound = (userId: string) => new ApiError('not_found', `userId: nothing is stored about ${userId} on this site`);
  const exportOne = async (c: Context<AppEnv>) => {
    const userId = userIdOf(c);
    const exported = await exportUser(deps.db, c.get('site').id, userId);
    if (!exported) throw notFound(userId);
    return c.json(exported);
  };
  const eraseOne = async (c: Context<AppEnv>) => {
    const userId = userIdOf(c);
    const erased = await eraseUser(deps.db, c.get('site').id, userId);
    if (erased.responses + erased.declines + erased.impressions + erased.user + erased.webhookDeliveries === 0) throw notFound(userId);
    const { user: _user, ...counts } = erased;
    return c.json({ erased: counts });
  };
  return new Hono<AppEnv>()
    .use(requireSecretKey(deps))
    .get('/', exportOne)
    .delete('/', eraseOne)
    .get('/:userId', exportOne)
    .delete('/:userId', eraseOne);
}
