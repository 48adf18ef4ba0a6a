import { createRoute } from '@hono/zod-openapi';
import { userEligibilitySchema } from '@tenpoint/shared';
import type { Services } from '../../deps.ts';
import { explainUser } from '../../eligibility/explain-user.ts';
import { ApiError } from '../../errors.ts';
import { requireSite } from '../../middleware/site-access.ts';
import { errors, json, vendor, vendorErrors } from '../../openapi/answers.ts';
import { router } from '../router.ts';
import { userIdOfQuery, userIdOrEmailInQuery } from './user-naming.ts';

export const eligibilityAbout =
  "For every survey of the site, the widget's own decision for this user now (taken as right after the survey's trigger event), " +
  'the reason in words and when it changes. Looking records nothing. 404 when the site has never seen the user.';
export const eligibilityAnswer = json('One decision per survey, the default survey first.', userEligibilitySchema);

const eligibilityByQuery = createRoute({
  method: 'get',
  path: '/',
  operationId: 'getUserEligibilityByQuery',
  tags: ['Users'],
  summary: 'Why this user would or would not be asked now, the user named in the query',
  description: `${eligibilityAbout} This form takes \`?email=\`, and reaches every id, \`.\` and \`..\` too.`,
  ...vendor,
  request: { query: userIdOrEmailInQuery },
  responses: { 200: eligibilityAnswer, ...errors(...vendorErrors, 404) },
});

/** The decision each survey would give one user now, explained; the same as a user's record needs, so the same role. */
export function userEligibilityRoutes(deps: Services) {
  const app = router();
  app.use(requireSite(deps, () => 'export'));
  return app.openapi(eligibilityByQuery, async (c) => {
    const siteId = c.get('site').id;
    const userId = await userIdOfQuery(deps.db, siteId, c.req.valid('query'));
    const explained = await explainUser(deps.db, siteId, userId, deps.now());
    if (!explained) throw new ApiError('not_found', `userId: nothing is stored about ${userId} on this site`);
    return c.json(explained, 200);
  });
}
