import type { ResponseAnswer, ResponseRequest } from '@tenpoint/shared';
import { bandOf, categoryName, isOnScale, scales } from '@tenpoint/shared/scores';
import { ApiError } from '../errors.ts';
import { traitWarnings } from '../users/trait-limits.ts';
import type { WidgetCall } from '../widget-calls/widget-call-context.ts';
import type { ResponseWriter } from './response-writer.ts';

/**
 * Stores a response once per client id: a retry or the comment sent later updates the same row.
 * Answers once the response is committed; `created` tells whether the row is new.
 */
export async function recordResponse(
  writer: ResponseWriter,
  call: WidgetCall<ResponseRequest>,
): Promise<{ created: boolean; answer: ResponseAnswer }> {
  const { site, survey, body, sighting } = call;
  if (!isOnScale(survey.type, body.score)) {
    const { min, max } = scales[survey.type];
    throw new ApiError('invalid_request', `score: must be an integer from ${min} to ${max}`);
  }
  const band = bandOf(survey.type, body.score);
  const test = site.testMode && body.test === true;
  const outcome = await writer.write({ siteId: site.id, surveyId: survey.id, band, body, now: sighting.now, test });
  if (outcome === 'conflict') throw new ApiError('conflict', 'id: already used by another response; make a new UUID for each response');
  const warnings = traitWarnings(body.user, outcome.stored);
  return {
    created: outcome.created,
    answer: {
      id: body.id,
      surveyId: survey.id,
      score: body.score,
      category: categoryName(survey.type, band),
      ...(warnings.length ? { warnings } : {}),
    },
  };
}
