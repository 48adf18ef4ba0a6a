import { createRoute, z } from '@hono/zod-openapi';
import { userErasureSchema, userExportSchema } from '@tenpoint/shared';
import { categoryName } from '@tenpoint/shared/scores';
import { and, asc, eq } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Database } from '../../db/client.ts';
import { accounts, declines, impressions, responses, surveys, users } from '../../db/schema/index.ts';
import type { Services } from '../../deps.ts';
import { explainUser } from '../../eligibility/explain-user.ts';
import { ApiError } from '../../errors.ts';
import { requireSite } from '../../middleware/site-access.ts';
import { errors, json, vendor, vendorErrors } from '../../openapi/answers.ts';
import { eraseUser } from '../../users/erase-user.ts';
import { deliveriesAboutUser } from '../../webhooks/deliveries-about-user.ts';
import { router } from '../router.ts';
import { eligibilityAbout, eligibilityAnswer } from './user-eligibility.ts';
import { userIdInQuery, userIdOfQuery, userIdOrEmailInQuery, userIdSchema } from './user-naming.ts';

/** Everything stored about one user of a site, as a data-subject access request needs it. */
async function exportUser(db: Database, siteId: string, userId: string) {
  const ofUser = (table: { siteId: PgColumn; userId: PgColumn }) => and(eq(table.siteId, siteId), eq(table.userId, userId));
  const [user] = await db.select().from(users).where(ofUser(users));
  const storedResponses = await db
    .select({ response: responses, type: surveys.type })
    .from(responses)
    .innerJoin(surveys, and(eq(surveys.siteId, responses.siteId), eq(surveys.id, responses.surveyId)))
    .where(ofUser(responses))
    .orderBy(asc(responses.createdAt));
  // A dismissal's page is the page of the showing it closed.
  const storedDeclines = await db
    .select({ decline: declines, url: impressions.url })
    .from(declines)
    .leftJoin(impressions, and(eq(impressions.siteId, declines.siteId), eq(impressions.id, declines.impressionId)))
    .where(ofUser(declines))
    .orderBy(asc(declines.createdAt));
  const storedImpressions = await db.select().from(impressions).where(ofUser(impressions)).orderBy(asc(impressions.shownAt));
  const deliveries = await deliveriesAboutUser(db, siteId, userId);
  const [account] = user?.accountId
    ? await db
        .select({ accountId: accounts.accountId, name: accounts.name, traits: accounts.traits })
        .from(accounts)
        .where(and(eq(accounts.siteId, siteId), eq(accounts.accountId, user.accountId)))
    : [];
  if (!user && storedResponses.length + storedDeclines.length + storedImpressions.length + deliveries.length === 0) return null;
  return {
    user: user
      ? {
          userId: user.userId,
          email: user.email,
          accountId: user.accountId,
          traits: user.traits,
          locale: user.locale,
          signedUpAt: user.signedUpAt,
          firstSeenAt: user.firstSeenAt,
          lastSeenAt: user.lastSeenAt,
        }
      : null,
    account: account ?? null,
    responses: storedResponses.map(({ response, type }) => ({
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
    declines: storedDeclines.map(({ decline: { id, surveyId, locale, userTraits, accountTraits, createdAt }, url }) => ({
      id,
      surveyId,
      url,
      locale,
      userTraits,
      accountTraits,
      createdAt,
    })),
    impressions: storedImpressions.map(({ id, surveyId, shownAt, url }) => ({ id, surveyId, url, shownAt })),
    /** What webhooks carried or will carry about the user, and to which URL. */
    webhookDeliveries: deliveries,
  };
}

const inPath = z.object({
  userId: userIdSchema.meta({
    description: 'Your id of the user, URL-encoded. An id of `.` or `..` needs the `?userId=` form.',
    examples: ['u_42'],
  }),
});

const tags = ['Users'];
const exported = json(
  'The user, their responses, declines and impressions, and `webhookDeliveries`: what webhooks carried or will carry about them, ' +
    'and to which URL.',
  userExportSchema,
);
const erased = json('How much was erased.', userErasureSchema);
const exportAbout =
  'What a data-subject access request needs: the user as last identified, their responses, declines and impressions, and what ' +
  'webhooks carried about them. 404 when nothing is stored.';
const erasure =
  'Their responses, declines and impressions are deleted and leave every score, with the follow-up and thread of each response ' +
  '(replies sent to them, and any copy kept in the outbox). Webhook deliveries about them that have not gone ' +
  'out are dropped; those sent or given up keep only their log entry, their data erased.';

const exportByQuery = createRoute({
  method: 'get',
  path: '/',
  operationId: 'exportUserByQuery',
  tags,
  summary: 'Everything stored about one user, named in the query',
  description: exportAbout,
  ...vendor,
  request: { query: userIdOrEmailInQuery },
  responses: { 200: exported, ...errors(...vendorErrors, 404) },
});
const eraseByQuery = createRoute({
  method: 'delete',
  path: '/',
  operationId: 'eraseUserByQuery',
  tags,
  summary: 'Erase one user, named in the query',
  description: erasure,
  ...vendor,
  request: { query: userIdInQuery },
  responses: { 200: erased, ...errors(...vendorErrors, 404, 413) },
});
const exportByPath = createRoute({
  method: 'get',
  path: '/{userId}',
  operationId: 'exportUser',
  tags,
  summary: 'Everything stored about one user',
  description: exportAbout,
  ...vendor,
  request: { params: inPath },
  responses: { 200: exported, ...errors(...vendorErrors, 404) },
});
const eraseByPath = createRoute({
  method: 'delete',
  path: '/{userId}',
  operationId: 'eraseUser',
  tags,
  summary: 'Erase one user',
  description: erasure,
  ...vendor,
  request: { params: inPath },
  responses: { 200: erased, ...errors(...vendorErrors, 404, 413) },
});

const eligibilityByPath = createRoute({
  method: 'get',
  path: '/{userId}/eligibility',
  operationId: 'getUserEligibility',
  tags,
  summary: 'Why this user would or would not be asked now',
  description: `${eligibilityAbout} An id of \`.\` or \`..\` needs \`GET /v1/user-eligibility?userId=\`.`,
  ...vendor,
  request: { params: inPath },
  responses: { 200: eligibilityAnswer, ...errors(...vendorErrors, 404) },
});

/** Export and erasure of one user's data (GDPR articles 15 and 17), and the decisions they get. */
export function userRoutes(deps: Services) {
  const notFound = (userId: string) => new ApiError('not_found', `userId: nothing is stored about ${userId} on this site`);
  const exportOne = async (siteId: string, userId: string) => {
    const found = await exportUser(deps.db, siteId, userId);
    if (!found) throw notFound(userId);
    return found;
  };
  const eraseOne = async (siteId: string, userId: string) => {
    const counts = await eraseUser(deps.db, siteId, userId);
    deps.eligibility.memory.forgetUser(siteId, userId);
    if (counts.responses + counts.declines + counts.impressions + counts.user + counts.webhookDeliveries === 0) throw notFound(userId);
    const { user: _user, ...kept } = counts;
    return { erased: kept };
  };
  // The log keeps that a user was erased and how much, never who (that would outlive the erasure).
  const eraseAudited = async (c: Context<AppEnv>, userId: string) => {
    const erased = await eraseOne(c.get('site').id, userId);
    await recordAudit(deps.db, c, { action: 'user.erased', after: erased.erased });
    return erased;
  };
  const app = router();
  // A user's whole record is an export; erasing is a change.
  app.use(requireSite(deps, (method) => (method === 'GET' ? 'export' : undefined)));
  return app
    .openapi(exportByQuery, async (c) => {
      const siteId = c.get('site').id;
      return c.json(await exportOne(siteId, await userIdOfQuery(deps.db, siteId, c.req.valid('query'))), 200);
    })
    .openapi(eraseByQuery, async (c) => c.json(await eraseAudited(c, c.req.valid('query').userId), 200))
    .openapi(exportByPath, async (c) => c.json(await exportOne(c.get('site').id, c.req.valid('param').userId), 200))
    .openapi(eraseByPath, async (c) => c.json(await eraseAudited(c, c.req.valid('param').userId), 200))
    .openapi(eligibilityByPath, async (c) => {
      const { userId } = c.req.valid('param');
      const explained = await explainUser(deps.db, c.get('site').id, userId, deps.now());
      if (!explained) throw notFound(userId);
      return c.json(explained, 200);
    });
}
