import { randomUUID } from 'node:crypto';
import { eligibilityRequestSchema, surveySettingsSchema, type EligibilityAnswer } from '@tenpoint/shared';
import { Hono } from 'hono';
import type { AppEnv, Services } from '../../app-env.ts';
import { impressions } from '../../db/schema/index.ts';
import { widgetCall } from '../../middleware/widget-call.ts';
import { renderSurvey } from '../../surveys/render-survey.ts';
import { upsertUser } from '../../users/upsert-user.ts';
import { decideEligibility } from './decide-eligibility.ts';
import { loadCaps, loadHistory } from './load-history.ts';
import { preferredLanguage } from './preferred-language.ts';
import { sampleBucket } from './sampling.ts';

export function eligibilityRoutes(deps: Services) {
  return new Hono<AppEnv>().post('/', widgetCall(eligibilityRequestSchema, deps), async (c) => {
    const site = c.get('site');
    const body = c.get('body');
    const survey = await deps.lookups.survey(site.id, body.surveyId);
    const settings = surveySettingsSchema.parse(survey.settings);
    const now = deps.now();
    const userId = body.user.userId;

    // One transaction per decision: the user's (and account's) row stays locked from the upsert
    // to the recorded showing, so two tabs asking at once cannot both be shown the survey.
    const outcome = await deps.db.transaction(async (tx) => {
      const user = await upsertUser(tx, site.id, body.user, now);
      const keys = { siteId: site.id, surveyId: survey.id, userId, accountId: user.accountId };
      const sampling = sampleBucket(survey.id, userId, settings.sampling.periodDays, now);
      const decision = decideEligibility({
        now,
        settings,
        enabled: survey.enabled,
        event: body.event,
        forceShow: site.testMode && body.show === true,
        user: { ...user, sampleBucket: sampling.bucket, samplingPeriodEndsAt: sampling.periodEndsAt },
        history: await loadHistory(tx, keys),
        caps: await loadCaps(tx, keys, settings, now),
      });
      if (!decision.eligible) return { decision };
      const impressionId = randomUUID();
      await tx.insert(impressions).values({ id: impressionId, siteId: site.id, surveyId: survey.id, userId, accountId: user.accountId, shownAt: now });
      return { decision, impressionId };
    });

    if (!outcome.decision.eligible) {
      const { reason, retryAfter, detail } = outcome.decision;
      return c.json({ eligible: false, reason, retryAfter, detail } satisfies EligibilityAnswer);
    }
    const locale = body.user.locale ?? preferredLanguage(c.req.header('accept-language'));
    const rendered = renderSurvey(survey, locale, outcome.impressionId!);
    return c.json({ eligible: true, survey: rendered } satisfies EligibilityAnswer);
  });
}
