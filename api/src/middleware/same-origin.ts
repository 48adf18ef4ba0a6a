import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../errors.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery: a request that changes something and comes from a browser must
 * come from the console's own origin. A browser always sends `Origin` with such a request, so one
 * that names another origin is refused, and so is one that carries a session cookie but no
 * `Origin` at all. A script with a secret key sends no cookie and passes. The widget's calls are
 * not behind this (they come from vendors' pages by design and carry no cookie).
 */
export function requireSameOrigin(publicUrl: string) {
  const publicOrigin = new URL(publicUrl).origin;
  return createMiddleware<AppEnv>(async (c, next) => {
    if (safeMethods.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    const fetchSite = c.req.header('sec-fetch-site');
    const hasSession = c.req.header('cookie')?.includes('session_token') ?? false;
    const own = origin === publicOrigin || origin === new URL(c.req.url).origin;
    if (origin !== undefined ? !own : hasSession || (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none')) {
      throw new ApiError('forbidden', `Origin: requests that change something must come from the console at ${publicOrigin}`);
    }
    await next();
  });
}
