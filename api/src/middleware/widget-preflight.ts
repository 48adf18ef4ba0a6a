import { arrayContains } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { sites } from '../db/schema/index.ts';

/**
 * A preflight carries no body, so no site key: it is answered for origins that some site allows.
 * The widget itself sends text/plain and never needs one.
 */
export function widgetPreflight(deps: AppDeps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method !== 'OPTIONS') return next();
    const origin = c.req.header('origin');
    if (origin) {
      const [known] = await deps.db
        .select({ id: sites.id })
        .from(sites)
        .where(arrayContains(sites.allowedOrigins, [origin]))
        .limit(1);
      if (known) {
        c.header('Access-Control-Allow-Origin', origin);
        c.header('Access-Control-Allow-Methods', 'POST');
        c.header('Access-Control-Allow-Headers', 'Content-Type');
        c.header('Access-Control-Max-Age', '86400');
      }
      c.header('Vary', 'Origin');
    }
    return c.body(null, 204);
  });
}
