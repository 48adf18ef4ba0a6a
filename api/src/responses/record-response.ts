import type { ResponseAnswer, ResponseRequest } from '@tenpoint/shared';
import { bandOf, categoryName, isOnScale, scales } from '@tenpoint/shared/scores';
import type { Services } from '../deps.ts';
import type { Site } from '../db/schema/index.ts';
import { ApiError } from '../errors.ts';
import { traitWarnings } from '../users/trait-limits.ts';
import type { ResponseWriter } from './response-writer.ts';

/**
 * Stores a response once per client id: a retry or the comment sent later updates the same row.
 * Answers once the response is committed; `created` tells whether the row is new.
 */
export async function recordResponse(
  deps: Pick<Services, 'now' | 'lookups'>,
  writer: ResponseWriter,
  site: Site,
  body: ResponseRequest,
): Promise<{ created: boolean; answer: ResponseAnswer }> {
  const survey = await deps.lookups.survey(site.id, body.surveyId);
  if (!isOnScale(survey.type, body.score)) {
    const { min, max } = scales[survey.type];
    throw new ApiError('invalid_request', `score: must be an integer from ${min} to ${max}`);
  }
  const band = bandOf(survey.type, body.score);
  const test = site.testMode && body.test === true;
  const outcome = await writer.write({ siteId: site.id, surveyId: survey.id, band, body, now: deps.now(), test });
  if (outcome === 'conflict') throw new ApiError('conflict', 'id: already used by another response; make a new UUID for each answer');
  const warnings = traitWarnings(body.user, outcome.stored);
  return {
    created: outcome.created,
    answer: { id: body.id, surveyId: survey.id, score: body.score, category: categoryName(survey.type, band), ...(warnings.length ? { warnings } : {}) },
  };
}
