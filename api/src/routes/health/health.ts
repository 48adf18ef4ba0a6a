import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../app-env.ts';
import { ApiError } from '../../errors.ts';

const readinessTimeoutMs = 2000;

export function healthRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new ApiError('unavailable', 'the database did not answer within 2 s')), readinessTimeoutMs).unref(),
      );
      await Promise.race([deps.db.execute(sql`select 1`), timeout]);
      return c.json({ status: 'ready' });
    });
}
