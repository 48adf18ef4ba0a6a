import { createRoute } from '@hono/zod-openapi';
import { responseAnswerSchema, responseRequestSchema } from '@tenpoint/shared';
import type { Services } from '../../deps.ts';
import { errors, json, widgetBody } from '../../openapi/answers.ts';
import { recordResponse } from '../../responses/record-response.ts';
import { widgetCall } from '../../widget-calls/widget-call.ts';
import { router } from '../router.ts';

const recordResponseRoute = createRoute({
  method: 'post',
  path: '/',
  operationId: 'recordResponse',
  tags: ['Widget'],
  summary: 'A score, and maybe a comment',
  description: 'Idempotent by the client-made `id`: a retry, or the comment sent later, updates the same response; never a duplicate.',
  security: [],
  request: { body: widgetBody(responseRequestSchema) },
  responses: {
    201: json('Stored.', responseAnswerSchema),
    200: json('Already stored under this id; updated.', responseAnswerSchema),
    ...errors(400, 401, 403, 404, 409, 413, 429, 503),
  },
});

export function responseRoutes(deps: Services) {
  return router().openapi({ ...recordResponseRoute, middleware: widgetCall(responseRequestSchema, deps) }, async (c) => {
    const { created, answer } = await recordResponse(deps.responseWriter, c.get('call'));
    return created ? c.json(answer, 201) : c.json(answer, 200);
  });
}
