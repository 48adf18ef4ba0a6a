import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { AppEnv } from '../app-env.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';

/**
 * One log line and one metrics sample per request: its id, method, route pattern (never the raw
 * path or query, which carry user ids and filters), status and duration.
 */
export function observeRequests(logger: Logger, metrics: Metrics | undefined) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    c.set('logger', logger.child({ requestId: c.get('requestId') }));
    await next();
    const seconds = (performance.now() - started) / 1000;
    // An unmatched path ends at a middleware's pattern such as /v1/*: the label set stays small.
    const route = routePath(c, -1) || 'unmatched';
    const status = c.res.status;
    metrics?.observeRequest(c.req.method, route, status, seconds);
    // 503 is the API saying "not now" (stopping, database away), already logged once where it starts.
    const level = status === 503 ? 'warn' : status >= 500 ? 'error' : 'info';
    c.var.logger[level]({ method: c.req.method, route, status, durationMs: Math.round(seconds * 1000 * 10) / 10 }, 'request');
  });
}
