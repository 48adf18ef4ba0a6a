import type { Band, SurveyType } from '../scores.ts';

/** One language's survey wording; `{product}`, `{score}` and `{max}` are filled in by the server. */
export interface Catalog {
  dir?: 'rtl';
  questions: Record<SurveyType, string>;
  anchors: Record<SurveyType, { low: string; high: string }>;
  followUp: Record<Band, string>;
  placeholder: string;
  thanks: Record<Band, string>;
  submit: string;
  close: string;
  scoreLabel: string;
}
