import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../errors.ts';
import type { Metrics } from '../../observability/metrics.ts';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** `GET /metrics` for Prometheus: only with TENPOINT_METRICS_TOKEN set, and only for that Bearer token. */
export function metricsRoutes(metrics: Metrics | undefined, token: string | undefined) {
  return new Hono<AppEnv>().get('/metrics', async (c) => {
    if (!metrics || !token) throw new ApiError('not_found', 'GET /metrics is off; set TENPOINT_METRICS_TOKEN to serve it');
    const given = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (!timingSafeEqual(digest(given), digest(token))) throw new ApiError('unauthorized', 'Authorization: send the metrics token as "Bearer …"');
    c.header('Content-Type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });
}
