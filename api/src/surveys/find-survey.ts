import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { type Survey, surveys } from '../db/schema/index.ts';
import { ApiError } from '../errors.ts';

/** The site's survey by id, or its default survey when no id is given; null when there is none. */
export async function loadSurvey(db: Database, siteId: string, surveyId: string | undefined): Promise<Survey | null> {
  const condition = and(eq(surveys.siteId, siteId), surveyId ? eq(surveys.id, surveyId) : eq(surveys.isDefault, true));
  return (await db.select().from(surveys).where(condition).limit(1))[0] ?? null;
}

export function surveyOrNotFound<Found extends object = Survey>(survey: Found | null, surveyId: string | undefined): Found {
  if (survey) return survey;
  throw new ApiError('not_found', surveyId ? `surveyId: no survey ${surveyId} on this site` : 'this site has no default survey');
}

/** Like loadSurvey, but a missing survey is a 404 that names the id. */
export async function findSurvey(db: Database, siteId: string, surveyId: string | undefined): Promise<Survey> {
  return surveyOrNotFound(await loadSurvey(db, siteId, surveyId), surveyId);
}
