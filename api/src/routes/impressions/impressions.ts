import { randomUUID } from 'node:crypto';
import { impressionRequestSchema } from '@tenpoint/shared';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv, Services } from '../../app-env.ts';
import { impressions } from '../../db/schema/index.ts';
import { widgetCall } from '../../middleware/widget-call.ts';
import { widgetCallContext } from '../widget-call-context.ts';

export function impressionRoutes(deps: Services) {
  return new Hono<AppEnv>().post('/', widgetCall(impressionRequestSchema, deps), async (c) => {
    const site = c.get('site');
    const body = c.get('body');
    const { survey, user, now } = await widgetCallContext(deps, site, body);
    const userId = body.user.userId;
    const person = sql`site_id = ${site.id} and user_id = ${userId} and survey_id = ${survey.id}`;
    // A round starts unless the user was shown the survey since their last answer or dismissal.
    const startsRound = sql`not exists (select 1 from impressions as shown where ${person}
      and not exists (select 1 from responses where ${person} and created_at >= shown.shown_at)
      and not exists (select 1 from declines where ${person} and created_at >= shown.shown_at))`;
    // The eligibility answer already recorded its showing under impressionId: sending it is a no-op.
    await deps.db
      .insert(impressions)
      .values({ id: body.impressionId ?? randomUUID(), siteId: site.id, surveyId: survey.id, userId, accountId: user.accountId, shownAt: now, startsRound })
      .onConflictDoNothing({ target: [impressions.siteId, impressions.id] });
    return c.body(null, 202);
  });
}
