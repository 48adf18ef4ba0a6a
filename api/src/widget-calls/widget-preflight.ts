import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';

/**
 * A preflight carries no body, so no site key: it is answered alike for every origin, saying
 * nothing of which origins any site allows. The call itself is checked against the site's origins.
 * The widget sends text/plain and never needs one.
 */
export function widgetPreflight() {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method !== 'OPTIONS') return next();
    const origin = c.req.header('origin');
    if (origin) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Allow-Methods', 'POST');
      c.header('Access-Control-Allow-Headers', 'Content-Type');
      c.header('Access-Control-Max-Age', '86400');
      c.header('Vary', 'Origin');
    }
    return c.body(null, 204);
  });
}
