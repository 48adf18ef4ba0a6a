import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';
import { refuseUnstorable } from './unstorable-text.ts';

export interface RoutePattern {
  method: string;
  path: string;
}

const decoded = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** The name of the path parameter at `index` in the route that `segments` match (`:userId` → userId). */
function parameterName(routes: readonly RoutePattern[], method: string, segments: string[], index: number): string {
  for (const route of routes) {
    if (route.method !== method && route.method !== 'ALL') continue;
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length || !pattern[index]?.startsWith(':')) continue;
    if (pattern.every((part, at) => part.startsWith(':') || part === segments[at])) return pattern[index]!.slice(1).replace(/[{?].*$/, '');
  }
  return 'path';
}

/**
 * Refuses query parameters and path segments that Postgres could not store, naming the parameter,
 * before any handler reads them: one check for every endpoint, present and future.
 */
export function refuseUnstorableUrl(routes: () => readonly RoutePattern[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const url = c.req.url;
    const queryAt = url.indexOf('?');
    const pathname = new URL(url).pathname;
    // Only a percent escape can smuggle such a character into a URL.
    if (queryAt !== -1 && url.includes('%', queryAt)) {
      for (const [name, values] of Object.entries(c.req.queries())) {
        refuseUnstorable(name, name);
        for (const value of values) refuseUnstorable(name, value);
      }
    }
    if (pathname.includes('%')) {
      const segments = pathname.split('/').map(decoded);
      segments.forEach((segment, index) => refuseUnstorable(parameterName(routes(), c.req.method, segments, index), segment));
    }
    await next();
  });
}
