import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { type Survey, surveys } from '../db/schema/index.ts';
import { ApiError } from '../errors.ts';
import { findSurvey } from './find-survey.ts';

/**
 * The surveys one score counts: those of `surveyIds` (comma-separated, all of this site and of one
 * type), or the one of `surveyId`, or the default survey. An id of another site answers as an
 * unknown one, so that no answer tells another tenant's ids apart.
 */
export async function findSurveys(
  db: Database,
  siteId: string,
  asked: { surveyId?: string; surveyIds?: string },
): Promise<[Survey, ...Survey[]]> {
  if (asked.surveyIds === undefined) return [await findSurvey(db, siteId, asked.surveyId)];
  if (asked.surveyId !== undefined) throw new ApiError('invalid_request', 'surveyIds: give surveyId or surveyIds, not both');
  const ids = [...new Set(asked.surveyIds.split(',').map((id) => id.toLowerCase()))];
  const found = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.siteId, siteId), inArray(surveys.id, ids)));
  const byId = new Map(found.map((survey) => [survey.id, survey]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length) throw new ApiError('invalid_request', `surveyIds: no survey ${missing.join(', ')} on this site`);
  const ordered = ids.map((id) => byId.get(id)!) as [Survey, ...Survey[]];
  const types = new Set(ordered.map((survey) => survey.type));
  if (types.size > 1) {
    const named = ordered.map((survey) => `${survey.id} is ${survey.type.toUpperCase()}`).join(', ');
    throw new ApiError('invalid_request', `surveyIds: one score needs surveys of one type; ${named}`);
  }
  return ordered;
}
