/** What every section of the dashboard asks the API for: the survey, the date range and its zone. */
export interface Filters {
  surveyId: string;
  from: string;
  to: string;
  tz: string;
  minSample: string;
}
