import { pickLocale, scales, surveyStrings, type RenderableSurvey } from '@tenpoint/shared';
import type { Survey } from '../db/schema/index.ts';

/** The survey as the widget renders it, worded in the best locale for the user. */
export function renderSurvey(survey: Survey, requestedLocale: string | undefined, impressionId: string): RenderableSurvey {
  const locale = pickLocale(requestedLocale);
  const { strings, dir } = surveyStrings(locale, survey.type, survey.productName);
  return { id: survey.id, impressionId, type: survey.type, locale, dir, scale: scales[survey.type], strings };
}
