import { eligibilityRequestSchema, type EligibilityAnswer } from '@tenpoint/shared';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../app-env.ts';
import { widgetCall } from '../../middleware/widget-call.ts';
import { renderSurvey } from '../../surveys/render-survey.ts';
import { widgetCallContext } from '../widget-call-context.ts';
import { preferredLanguage } from './preferred-language.ts';

export function eligibilityRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post('/', widgetCall(eligibilityRequestSchema, deps), async (c) => {
    const site = c.get('site');
    const body = c.get('body');
    const { survey } = await widgetCallContext(deps, site, body);
    // Throttles, sampling and targeting are decided here once they exist; for now only on/off.
    if (!survey.enabled) return c.json({ eligible: false, reason: 'survey_off' } satisfies EligibilityAnswer);
    const locale = body.user.locale ?? preferredLanguage(c.req.header('accept-language'));
    return c.json({ eligible: true, survey: renderSurvey(survey, locale) } satisfies EligibilityAnswer);
  });
}
