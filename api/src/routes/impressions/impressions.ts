import { randomUUID } from 'node:crypto';
import { impressionRequestSchema } from '@tenpoint/shared';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../app-env.ts';
import { impressions } from '../../db/schema/index.ts';
import { widgetCall } from '../../middleware/widget-call.ts';
import { findSurvey } from '../../surveys/find-survey.ts';
import { upsertUser } from '../../users/upsert-user.ts';

export function impressionRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post('/', widgetCall(impressionRequestSchema, deps), async (c) => {
    const site = c.get('site');
    const body = c.get('body');
    const survey = await findSurvey(deps.db, site.id, body.surveyId);
    const now = deps.now();
    await upsertUser(deps.db, site.id, body.user, now);
    await deps.db.insert(impressions).values({ id: randomUUID(), siteId: site.id, surveyId: survey.id, userId: body.user.userId, shownAt: now });
    return c.body(null, 202);
  });
}
