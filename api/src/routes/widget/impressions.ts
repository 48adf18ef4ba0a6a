import { randomUUID } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { impressionRequestSchema } from '@tenpoint/shared';
import { impressions } from '../../db/schema/index.ts';
import type { Services } from '../../deps.ts';
import { recordUserAndReadHistory, startsRound } from '../../eligibility/eligibility-facts.ts';
import { errors, widgetBody } from '../../openapi/answers.ts';
import { widgetCall } from '../../widget-calls/widget-call.ts';
import { router } from '../router.ts';

const recordImpression = createRoute({
  method: 'post',
  path: '/',
  operationId: 'recordImpression',
  tags: ['Widget'],
  summary: 'The survey was shown',
  description:
    'Recorded once per impression: the eligibility answer already recorded it under its `impressionId`, so sending it ' +
    'again records nothing new.',
  security: [],
  request: { body: widgetBody(impressionRequestSchema) },
  responses: { 202: { description: 'Recorded; no body.' }, ...errors(400, 401, 403, 404, 413, 429, 503) },
});

export function impressionRoutes(deps: Services) {
  return router().openapi({ ...recordImpression, middleware: widgetCall(impressionRequestSchema, deps) }, async (c) => {
    const call = c.get('call');
    const { site, survey, body, sighting } = call;
    const settings = call.settings();
    const { now } = sighting;
    const userId = body.user.userId;
    // The user is recorded as on every widget call, and their history read in the same statement:
    // an impression reported here starts a round by the eligibility check's rule.
    const facts = await recordUserAndReadHistory(deps.db, { sighting, surveyId: survey.id, settings });
    // The eligibility answer already recorded its impression under impressionId: sending it is a no-op.
    await deps.db
      .insert(impressions)
      .values({
        id: body.impressionId ?? randomUUID(),
        siteId: site.id,
        surveyId: survey.id,
        userId,
        accountId: facts.user.accountId,
        shownAt: now,
        startsRound: startsRound(facts.history, settings),
        test: site.testMode && body.test === true,
      })
      .onConflictDoNothing({ target: [impressions.siteId, impressions.id] });
    return c.body(null, 202);
  });
}
