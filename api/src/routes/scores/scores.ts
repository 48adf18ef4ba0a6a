import { describeZodError, scoresQuerySchema } from '@tenpoint/shared';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../app-env.ts';
import { ApiError } from '../../errors.ts';
import { requireSecretKey } from '../../middleware/secret-key.ts';
import { findSurvey } from '../../surveys/find-survey.ts';
import { dateRange } from './date-range.ts';
import { scoreSummary } from './score-summary.ts';

export function scoreRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', requireSecretKey(deps), async (c) => {
    const parsed = scoresQuerySchema.safeParse(c.req.query());
    if (!parsed.success) throw new ApiError('invalid_request', describeZodError(parsed.error));
    const site = c.get('site');
    const survey = await findSurvey(deps.db, site.id, parsed.data.surveyId);
    const range = dateRange(parsed.data.from, parsed.data.to);
    return c.json(await scoreSummary(deps.db, site.id, survey, range));
  });
}
