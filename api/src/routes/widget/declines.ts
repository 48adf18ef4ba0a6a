import { randomUUID } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { declineRequestSchema } from '@tenpoint/shared';
import { sql } from 'drizzle-orm';
import { declines } from '../../db/schema/index.ts';
import type { Services } from '../../deps.ts';
import { errors, widgetBody } from '../../openapi/answers.ts';
import { recordSighting } from '../../users/record-sightings.ts';
import { widgetCall } from '../../widget-calls/widget-call.ts';
import { router } from '../router.ts';

const recordDecline = createRoute({
  method: 'post',
  path: '/',
  operationId: 'recordDecline',
  tags: ['Widget'],
  summary: 'The survey was closed without a score',
  description: 'Recorded once per impression (`impressionId`); a decline is never a response and never enters a score.',
  security: [],
  request: { body: widgetBody(declineRequestSchema) },
  responses: { 202: { description: 'Recorded; no body.' }, ...errors(400, 401, 403, 404, 413, 429, 503) },
});

export function declineRoutes(deps: Services) {
  return router().openapi({ ...recordDecline, middleware: widgetCall(declineRequestSchema, deps) }, async (c) => {
    const { site, survey, body, sighting } = c.get('call');
    const user = await recordSighting(deps.db, sighting);
    await deps.db
      .insert(declines)
      .values({
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
      })
      .onConflictDoNothing({ target: [declines.siteId, declines.impressionId], where: sql`${declines.impressionId} is not null` });
    return c.body(null, 202);
  });
}
