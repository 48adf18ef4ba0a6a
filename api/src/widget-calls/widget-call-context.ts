import type { UserInput } from '@tenpoint/shared';
import type { Services } from '../deps.ts';
import type { Site, Survey } from '../db/schema/index.ts';
import { upsertUser, type KnownUser } from '../users/upsert-user.ts';

export interface WidgetCallContext {
  survey: Survey;
  user: KnownUser;
  now: Date;
}

/** What every widget call needs: its survey (the default one when unnamed) and the user, recorded. */
export async function widgetCallContext(
  deps: Pick<Services, 'db' | 'now' | 'lookups'>,
  site: Site,
  body: { surveyId?: string | undefined; user: UserInput },
): Promise<WidgetCallContext> {
  // The survey first: a call for a survey that does not exist records nothing.
  const survey = await deps.lookups.survey(site.id, body.surveyId);
  const now = deps.now();
  const user = await upsertUser(deps.db, site.id, body.user, now);
  return { survey, user, now };
}
