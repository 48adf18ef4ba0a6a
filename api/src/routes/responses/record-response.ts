import { bandOf, categoryName, isOnScale, scales, type ResponseAnswer, type ResponseRequest } from '@tenpoint/shared';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-env.ts';
import { responses, type Site } from '../../db/schema/index.ts';
import { ApiError } from '../../errors.ts';
import { widgetCallContext } from '../widget-call-context.ts';

/**
 * Stores a response once per client id: a retry or the comment sent later updates the same row.
 * Returns whether the row is new.
 */
export async function recordResponse(
  deps: Pick<AppDeps, 'db' | 'now'>,
  site: Site,
  body: ResponseRequest,
): Promise<{ created: boolean; answer: ResponseAnswer }> {
  const { survey, user, now } = await widgetCallContext(deps, site, body);
  if (!isOnScale(survey.type, body.score)) {
    const { min, max } = scales[survey.type];
    throw new ApiError('invalid_request', `score: must be an integer from ${min} to ${max}`);
  }
  const band = bandOf(survey.type, body.score);
  const [row] = await deps.db
    .insert(responses)
    .values({
      siteId: site.id,
      id: body.id,
      surveyId: survey.id,
      userId: body.user.userId,
      accountId: user.accountId,
      score: body.score,
      band,
      comment: body.comment ?? null,
      locale: body.locale ?? body.user.locale ?? null,
      url: body.url ?? null,
      userTraits: user.traits,
      accountTraits: user.accountTraits,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [responses.siteId, responses.id],
      set: {
        score: sql`excluded.score`,
        band: sql`excluded.band`,
        comment: sql`coalesce(excluded.comment, ${responses.comment})`,
        updatedAt: sql`excluded.updated_at`,
      },
      // The same id from another user or survey is a client bug, never an edit of someone's answer.
      setWhere: sql`${responses.userId} = excluded.user_id and ${responses.surveyId} = excluded.survey_id`,
    })
    .returning({ created: sql<boolean>`xmax = 0` });
  if (!row) throw new ApiError('conflict', 'id: already used by another response; make a new UUID for each answer');
  return {
    created: row.created,
    answer: { id: body.id, surveyId: survey.id, score: body.score, category: categoryName(survey.type, band) },
  };
}
