/** What every section of the dashboard asks the API for: the survey (or surveys), the date range and its zone. */
export interface Filters {
  /** One survey; `surveyIds` instead when several of one type are counted as one score. */
  surveyId?: string | undefined;
  surveyIds?: string | undefined;
  from: string;
  to: string;
  tz: string;
  minSample: string;
}
