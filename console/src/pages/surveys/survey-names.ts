import type { SurveyType } from '@tenpoint/shared/scores';

export const typeNames: Record<SurveyType, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };

/** A survey's editor is the surveys page with its id: `surveys?id=…`. */
export const surveyPath = (siteId: string, surveyId?: string) =>
  `/sites/${siteId}/surveys${surveyId ? `?id=${encodeURIComponent(surveyId)}` : ''}`;
