import { randomUUID } from 'node:crypto';
import { impressionRequestSchema, surveySettingsSchema } from '@tenpoint/shared';
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
    const lastAnswer = sql`greatest((select max(created_at) from responses where ${person}), (select max(created_at) from declines where ${person}))`;
    // The eligibility check's rule: a round starts after an answer or dismissal, or after the
    // ignored showings that count as a dismissal.
    const { ignoredImpressionsAsDecline } = surveySettingsSchema.parse(survey.settings).throttle;
    const startsRound = sql`(select count(*) from impressions where ${person}
      and shown_at > coalesce(${lastAnswer}, '-infinity'::timestamptz)) % ${ignoredImpressionsAsDecline} = 0`;
    // The eligibility answer already recorded its showing under impressionId: sending it is a no-op.
    await deps.db
      .insert(impressions)
      .values({ id: body.impressionId ?? randomUUID(), siteId: site.id, surveyId: survey.id, userId, accountId: user.accountId, shownAt: now, startsRound })
      .onConflictDoNothing({ target: [impressions.siteId, impressions.id] });
    return c.body(null, 202);
  });
}
