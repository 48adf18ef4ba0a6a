import { createRoute } from '@hono/zod-openapi';
import { accountsAnswerSchema, scoresQuerySchema } from '@tenpoint/shared';
import type { Services } from '../../deps.ts';
import { requireSite } from '../../middleware/site-access.ts';
import { errors, json, vendor, vendorErrors } from '../../openapi/answers.ts';
import { accountsAnswer } from '../../scores/accounts-answer.ts';
import { router } from '../router.ts';

const getAccounts = createRoute({
  method: 'get',
  path: '/',
  operationId: 'getAccounts',
  tags: ['Scores'],
  summary: 'B2B: each account’s score, responses, last response and trend',
  description:
    'Over `from`–`to` (the 90 days to today in `tz` unless given); `trend` is the change against the range of the same length ' +
    'just before, null with `trendReason` unless both ranges have `minSample` responses.',
  ...vendor,
  request: {
    query: scoresQuerySchema.pick({
      surveyId: true,
      surveyIds: true,
      from: true,
      to: true,
      tz: true,
      minSample: true,
      includeTest: true,
      trait: true,
    }),
  },
  responses: {
    200: json(
      'Accounts with responses in the range, most responses first; their fields depend on the survey’s `type`.',
      accountsAnswerSchema,
    ),
    ...errors(...vendorErrors, 404),
  },
});

/** B2B: each account's score, responses, last response and trend (see accountsAnswer). */
export function accountRoutes(deps: Services) {
  return router().openapi({ ...getAccounts, middleware: requireSite(deps) }, async (c) =>
    c.json(await accountsAnswer(deps.db, c.get('site').id, c.req.valid('query'), new URL(c.req.url).searchParams, deps.now()), 200),
  );
}
