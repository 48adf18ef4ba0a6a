import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';

/**
 * Lets the page read an error the API answers a widget call before its site (and so the site's
 * origins) is known: too large, unknown parameters, rate limited. Without it the browser hides
 * the answer and the widget can only say the API was out of reach. Errors carry no one's data.
 */
export function readableWidgetErrors(isWidgetPath: (path: string) => boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const origin = c.req.header('origin');
    if (!origin || c.res.status < 400 || !isWidgetPath(c.req.path) || c.res.headers.has('access-control-allow-origin')) return;
    c.res.headers.set('Access-Control-Allow-Origin', origin);
    c.res.headers.append('Vary', 'Origin');
  };
}
