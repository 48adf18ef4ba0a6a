import { randomUUID } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { type EligibilityAnswer, eligibilityAnswerSchema, eligibilityRequestSchema, renderSurvey } from '@tenpoint/shared';
import type { Services } from '../../deps.ts';
import { type Decision, decideEligibility } from '../../eligibility/decide-eligibility.ts';
import { recordImpression, recordUserAndReadHistory, startsRound } from '../../eligibility/eligibility-facts.ts';
import { preferredLanguage } from '../../eligibility/preferred-language.ts';
import { sampleBucket } from '../../eligibility/sampling.ts';
import { errors, json, widgetBody } from '../../openapi/answers.ts';

import { traitWarnings } from '../../users/trait-limits.ts';
import { widgetCall } from '../../widget-calls/widget-call.ts';
import { router } from '../router.ts';

const checkEligibility = createRoute({
  method: 'post',
  path: '/',
  operationId: 'checkEligibility',
  tags: ['Widget'],
  summary: 'Should this user see the survey now?',
  description:
    'Records the user, and when the answer is yes the impression too (unless the survey waits `delaySeconds`: then when the widget ' +
    'asks again with `waited: true`).',
  security: [],
  request: { body: widgetBody(eligibilityRequestSchema) },
  responses: {
    200: json('Eligible, with the survey worded for the user, or not, with the reason.', eligibilityAnswerSchema),
    ...errors(400, 401, 403, 404, 413, 429, 503),
  },
});

export function eligibilityRoutes(deps: Services) {
  return router().openapi({ ...checkEligibility, middleware: widgetCall(eligibilityRequestSchema, deps) }, async (c) => {
    const call = c.get('call');
    const { site, survey, body, sighting } = call;
    const settings = call.settings();
    const { now } = sighting;
    const userId = body.user.userId;

    const facts = await recordUserAndReadHistory(deps.db, { sighting, surveyId: survey.id, settings });
    const sampling = sampleBucket(survey.id, userId, settings.sampling.periodDays, now);
    let decision: Decision = decideEligibility({
      now,
      settings,
      enabled: survey.enabled,
      event: body.event,
      forceShow: site.testMode && body.show === true,
      user: { ...facts.user, sampleBucket: sampling.bucket, samplingPeriodEndsAt: sampling.periodEndsAt },
      history: facts.history,
      caps: facts.caps,
    });

    const impressionId = randomUUID();
    // A delayed survey is recorded when the widget asks again after the delay, still on the page.
    const delayed = settings.appearance.delaySeconds > 0 && body.waited !== true && !(site.testMode && body.show === true);
    if (decision.eligible && !delayed) {
      const impression = {
        siteId: site.id,
        surveyId: survey.id,
        userId,
        impressionId,
        showToken: facts.showToken,
        startsRound: startsRound(facts.history, settings),
        test: site.testMode && body.show === true,
        now,
        url: body.url,
      };
      const shown = await recordImpression(deps.db, impression);
      if (!shown) {
        const retryAfter = settings.throttle.hoursAfterImpression * 3600;
        decision = {
          eligible: false,
          reason: 'recently_shown',
          detail: 'shown a moment ago in another tab or window',
          ...(retryAfter ? { retryAfter } : {}),
        };
      }
    }
    const warned = traitWarnings(body.user, facts.user);
    const warnings = warned.length ? { warnings: warned } : {};
    if (!decision.eligible) {
      const { reason, retryAfter, detail } = decision;
      return c.json({ eligible: false, reason, retryAfter, detail, ...warnings } satisfies EligibilityAnswer, 200);
    }
    const locale = body.user.locale ?? preferredLanguage(c.req.header('accept-language'));
    return c.json(
      { eligible: true, survey: renderSurvey(survey, settings, locale, impressionId), ...warnings } satisfies EligibilityAnswer,
      200,
    );
  });
}
