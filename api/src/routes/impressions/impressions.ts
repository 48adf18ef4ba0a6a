import { randomUUID } from 'node:crypto';
import { impressionRequestSchema } from '@tenpoint/shared';
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
    // The eligibility answer already recorded its showing under impressionId: sending it is a no-op.
    await deps.db
      .insert(impressions)
      .values({ id: body.impressionId ?? randomUUID(), siteId: site.id, surveyId: survey.id, userId: body.user.userId, accountId: user.accountId, shownAt: now })
      .onConflictDoNothing({ target: [impressions.siteId, impressions.id] });
    return c.body(null, 202);
  });
}
