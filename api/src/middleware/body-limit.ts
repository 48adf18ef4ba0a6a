import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../errors.ts';

/**
 * Refuses bodies over `maxBytes` with 413. A declared Content-Length is checked from the header
 * alone, which leaves the Node server free to read the body straight off the socket; touching
 * `Request.body`, as Hono's own middleware does, builds a web stream for every request and cost
 * the widget endpoints most of their throughput. Chunked bodies are counted as they stream.
 */
export function limitBody(maxBytes: number) {
  const tooLarge = () => {
    throw new ApiError('payload_too_large', `body: must be at most ${maxBytes / 1024} KB`);
  };
  const counting = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return createMiddleware<AppEnv>(async (c, next) => {
    const { method } = c.req;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return counting(c, next);
    if (!/^\d+$/.test(length) || Number(length) > maxBytes) tooLarge();
    return next();
  });
}
