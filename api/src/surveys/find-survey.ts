import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { surveys, type Survey } from '../db/schema/index.ts';
import { ApiError } from '../errors.ts';

/** The site's survey by id, or its default survey when no id is given. */
export async function findSurvey(db: Database, siteId: string, surveyId: string | undefined): Promise<Survey> {
  const [survey] = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.siteId, siteId), surveyId ? eq(surveys.id, surveyId) : eq(surveys.isDefault, true)))
    .limit(1);
  if (!survey) {
    throw new ApiError('not_found', surveyId ? `surveyId: no survey ${surveyId} on this site` : 'this site has no default survey');
  }
  return survey;
}
