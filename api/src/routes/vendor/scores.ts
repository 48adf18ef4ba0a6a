import { describeZodError, scoresQuerySchema } from '@tenpoint/shared';
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { AppDeps } from '../../deps.ts';
import { ApiError } from '../../errors.ts';
import { requireSecretKey } from '../../middleware/secret-key.ts';
import { rollupTallies } from '../../scores/rollup-tallies.ts';
import { readScoreQuery } from '../../scores/score-query.ts';
import { scoreReport } from '../../scores/score-report.ts';
import { findSurvey } from '../../surveys/find-survey.ts';

export function scoreRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', requireSecretKey(deps), async (c) => {
    const raw = c.req.query();
    const parsed = scoresQuerySchema.safeParse(raw);
    if (!parsed.success) throw new ApiError('invalid_request', describeZodError(parsed.error));
    const site = c.get('site');
    const survey = await findSurvey(deps.db, site.id, parsed.data.surveyId);
    const query = readScoreQuery(site.id, survey, parsed.data, new URL(c.req.url).searchParams, deps.now());
    return c.json(scoreReport(query, await rollupTallies(deps.db, query)));
  });
}
