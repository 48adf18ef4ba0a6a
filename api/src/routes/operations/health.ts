import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { Services } from '../../deps.ts';
import { ApiError } from '../../errors.ts';

const readinessTimeoutMs = 2000;

export function healthRoutes(deps: Services) {
  return new Hono<AppEnv>()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      if (deps.stopping?.()) throw new ApiError('unavailable', 'the API is shutting down', 5);
      // A round trip can succeed on a fresh connection while answers are stuck on a silent one.
      if (!deps.responseWriter.writable()) throw new ApiError('unavailable', 'answers could not be stored in time just now', 5);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ApiError('unavailable', 'the database did not answer within 2 s', 5)), readinessTimeoutMs);
      });
      try {
        await Promise.race([deps.db.execute(sql`select 1`), timeout]);
      } finally {
        clearTimeout(timer);
      }
      return c.json({ status: 'ready' });
    });
}
