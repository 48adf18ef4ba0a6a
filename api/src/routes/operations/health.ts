import { createRoute } from '@hono/zod-openapi';
import { healthSchema, readinessSchema } from '@tenpoint/shared';
import { sql } from 'drizzle-orm';
import type { Services } from '../../deps.ts';
import { ApiError } from '../../errors.ts';
import { errors, json } from '../../openapi/answers.ts';
import { router } from '../router.ts';

const readinessTimeoutMs = 2000;

const health = createRoute({
  method: 'get',
  path: '/healthz',
  operationId: 'getHealth',
  tags: ['Operations'],
  summary: 'The process is up',
  description: 'For a liveness probe: answers while the process runs, whatever the database does.',
  security: [],
  responses: { 200: json('Up.', healthSchema) },
});

const readiness = createRoute({
  method: 'get',
  path: '/readyz',
  operationId: 'getReadiness',
  tags: ['Operations'],
  summary: 'The database answers',
  description:
    'For a readiness probe: 503 while the database does not answer within 2 s, while responses cannot be stored in time, and from ' +
    'a stop signal on.',
  security: [],
  responses: { 200: json('Ready for traffic.', readinessSchema), ...errors(503) },
});

export function healthRoutes(deps: Services) {
  return router()
    .openapi(health, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(readiness, async (c) => {
      if (deps.stopping?.()) throw new ApiError('unavailable', 'the API is shutting down', 5);
      // A round trip can succeed on a fresh connection while responses are stuck on a silent one.
      if (!deps.responseWriter.writable()) throw new ApiError('unavailable', 'responses could not be stored in time just now', 5);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ApiError('unavailable', 'the database did not answer within 2 s', 5)), readinessTimeoutMs);
      });
      try {
        await Promise.race([deps.db.execute(sql`select 1`), timeout]);
      } finally {
        clearTimeout(timer);
      }
      return c.json({ status: 'ready' as const }, 200);
    });
}
