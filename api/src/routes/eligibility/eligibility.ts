import { eligibilityRequestSchema, type EligibilityAnswer } from '@tenpoint/shared';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../app-env.ts';
import { widgetCall } from '../../middleware/widget-call.ts';
import { findSurvey } from '../../surveys/find-survey.ts';
import { renderSurvey } from '../../surveys/render-survey.ts';
import { upsertUser } from '../../users/upsert-user.ts';
import { preferredLanguage } from './preferred-language.ts';

export function eligibilityRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post('/', widgetCall(eligibilityRequestSchema, deps), async (c) => {
    const site = c.get('site');
    const body = c.get('body');
    const survey = await findSurvey(deps.db, site.id, body.surveyId);
    await upsertUser(deps.db, site.id, body.user, deps.now());
    // Throttles, sampling and targeting are decided here once they exist; for now only on/off.
    if (!survey.enabled) return c.json({ eligible: false, reason: 'survey_off' } satisfies EligibilityAnswer);
    const locale = body.user.locale ?? preferredLanguage(c.req.header('accept-language'));
    return c.json({ eligible: true, survey: renderSurvey(survey, locale) } satisfies EligibilityAnswer);
  });
}
