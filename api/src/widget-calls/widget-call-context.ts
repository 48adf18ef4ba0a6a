import type { SurveySettings, UserInput } from '@tenpoint/shared';
import type { Site, Survey } from '../db/schema/index.ts';
import type { Sighting } from '../users/record-sightings.ts';

/** What every widget call's body carries: the site's public key, the user, and the survey when not the default. */
export interface WidgetCallBody {
  siteKey: string;
  surveyId?: string | undefined;
  user: UserInput;
}

/** A widget call the pipeline accepted (see widgetCall): what its route works with. */
export interface WidgetCall<Body extends WidgetCallBody = WidgetCallBody> {
  site: Site;
  survey: Survey;
  /** The survey's settings, parsed once per looked-up survey, not once per call. */
  settings: () => SurveySettings;
  body: Body;
  /** This call's sighting of the user, for the route to record with what it writes (see record-sightings). */
  sighting: Sighting;
}
