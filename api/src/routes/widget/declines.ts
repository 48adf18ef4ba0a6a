import { randomUUID } from 'node:crypto';
import { declineRequestSchema } from '@tenpoint/shared';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { Services } from '../../deps.ts';
import { declines } from '../../db/schema/index.ts';
import { widgetCall } from '../../widget-calls/widget-call.ts';
import { recordSighting } from '../../users/record-sightings.ts';

export function declineRoutes(deps: Services) {
  return new Hono<AppEnv>().post('/', widgetCall(declineRequestSchema, deps), async (c) => {
    const { site, survey, body, sighting } = c.get('call');
    const user = await recordSighting(deps.db, sighting);
    await deps.db.insert(declines).values({
      id: randomUUID(),
      siteId: site.id,
      surveyId: survey.id,
      userId: body.user.userId,
      accountId: user.accountId,
      impressionId: body.impressionId ?? null,
      locale: body.user.locale ?? null,
      userTraits: user.traits,
      accountTraits: user.accountTraits,
      createdAt: sighting.now,
      test: site.testMode && body.test === true,
    }).onConflictDoNothing({ target: [declines.siteId, declines.impressionId], where: sql`${declines.impressionId} is not null` });
    return c.body(null, 202);
  });
}
