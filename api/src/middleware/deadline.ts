import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../errors.ts';

/**
 * Answers 503 when a call takes longer than `ms`, e.g. on a connection that went silent: the widget
 * retries later, and its writes are idempotent, so one that still lands after the 503 is no harm.
 */
export function deadline(ms: number) {
  return createMiddleware<AppEnv>(async (c, next) => {
    // The clock starts once the body is in (it stays cached for the route): a slow upload is not a slow database.
    if (c.req.method === 'POST') await c.req.arrayBuffer();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ApiError('unavailable', `no answer from the database within ${ms} ms; try again shortly`, 5)),
        ms,
      );
    });
    try {
      await Promise.race([next(), expired]);
    } finally {
      clearTimeout(timer);
    }
  });
}
