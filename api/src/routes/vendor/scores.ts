import { createRoute } from '@hono/zod-openapi';
import { scoresAnswerSchema, scoresQuerySchema } from '@tenpoint/shared';
import type { Services } from '../../deps.ts';
import { requireSite } from '../../middleware/site-access.ts';
import { errors, json, vendor, vendorErrors } from '../../openapi/answers.ts';
import { scoresAnswer } from '../../scores/scores-answer.ts';
import { router } from '../router.ts';

const getScores = createRoute({
  method: 'get',
  path: '/',
  operationId: 'getScores',
  tags: ['Scores'],
  summary: 'Headline score, series and segments',
  description:
    'The score of the survey (or of the surveys of `surveyIds`, of one type, counted as one) over the range, its counts, ' +
    'declines, impressions and response rate; with `interval` a series, with ' +
    '`groupBy` a score per segment. With `from`, `previous` holds the same figures for the period of the same length just ' +
    'before, and `change` the difference with its 95% margin and a two-sample z-test (per segment too). A series of more ' +
    'than 20,000 points (e.g. by day over 55 years) is refused with a 400 that says to ask for a coarser `interval` or a ' +
    'shorter range.',
  ...vendor,
  request: { query: scoresQuerySchema },
  responses: {
    200: json('The score of the survey over the range; its fields depend on the survey’s `type`.', scoresAnswerSchema),
    ...errors(...vendorErrors, 404),
  },
});

export function scoreRoutes(deps: Services) {
  return router().openapi({ ...getScores, middleware: requireSite(deps) }, async (c) => {
    const answer = await scoresAnswer(deps.db, c.get('site').id, c.req.valid('query'), new URL(c.req.url).searchParams, deps.now());
    return c.json(answer, 200);
  });
}
