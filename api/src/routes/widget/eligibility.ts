import { createRoute } from '@hono/zod-openapi';
import { eligibilityAnswerSchema, eligibilityRequestSchema } from '@tenpoint/shared';
import type { Services } from '../../deps.ts';
import { checkEligibility } from '../../eligibility/check-eligibility.ts';
import { errors, json, widgetBody } from '../../openapi/answers.ts';
import { widgetCall } from '../../widget-calls/widget-call.ts';
import { router } from '../router.ts';

const checkEligibilityRoute = createRoute({
  method: 'post',
  path: '/',
  operationId: 'checkEligibility',
  tags: ['Widget'],
  summary: 'Should this user see the survey now?',
  description:
    'Records the user, and when the answer is yes the impression too (unless the survey waits `delaySeconds`: then when the widget ' +
    'asks again with `waited: true`). A repeat visitor told "no" is answered from memory until the answer could change ' +
    '(new traits, an event, a settings change). Under overload the call is answered at once with `reason: busy` and ' +
    '`retryAfter` (and a `Retry-After` header) rather than late.',
  security: [],
  request: { body: widgetBody(eligibilityRequestSchema) },
  responses: {
    200: json('Eligible, with the survey worded for the user, or not, with the reason.', eligibilityAnswerSchema),
    ...errors(400, 401, 403, 404, 413, 429, 503),
  },
});

export function eligibilityRoutes(deps: Services) {
  return router().openapi({ ...checkEligibilityRoute, middleware: widgetCall(eligibilityRequestSchema, deps) }, async (c) => {
    const { answer, source } = await checkEligibility(deps.db, deps.eligibility, c.get('call'), c.req.header('accept-language'));
    deps.metrics?.countEligibility(source);
    if (source === 'shed' && !answer.eligible) c.header('Retry-After', String(answer.retryAfter));
    return c.json(answer, 200);
  });
}
