import { createHash, timingSafeEqual } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { ApiError } from '../../errors.ts';
import type { Metrics } from '../../observability/metrics.ts';
import { errors } from '../../openapi/answers.ts';
import { router } from '../router.ts';

const digest = (text: string) => createHash('sha256').update(text).digest();

const getMetrics = createRoute({
  method: 'get',
  path: '/metrics',
  operationId: 'getMetrics',
  tags: ['Operations'],
  summary: 'Prometheus metrics',
  description:
    'Served only when `TENPOINT_METRICS_TOKEN` is set, to requests carrying it as a Bearer token: ' +
    'requests by route pattern and status with latency, database connections, ' +
    "the tally fold's backlog and lag, the webhook outbox's depth and oldest age.",
  security: [{ metricsToken: [] }],
  responses: {
    200: {
      description: 'The Prometheus text format.',
      content: { 'text/plain': { schema: z.string().meta({ examples: ['# TYPE http_requests_total counter\n'] }) } },
    },
    ...errors(401, 404),
  },
});

/** `GET /metrics` for Prometheus: only with TENPOINT_METRICS_TOKEN set, and only for that Bearer token. */
export function metricsRoutes(metrics: Metrics | undefined, token: string | undefined) {
  return router().openapi(getMetrics, async (c) => {
    if (!metrics || !token) throw new ApiError('not_found', 'GET /metrics is off; set TENPOINT_METRICS_TOKEN to serve it');
    const given = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (!timingSafeEqual(digest(given), digest(token)))
      throw new ApiError('unauthorized', 'Authorization: send the metrics token as "Bearer …"');
    return c.text(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType });
  });
}
