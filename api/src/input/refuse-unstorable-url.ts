import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../errors.ts';
import { printable, refuseUnstorable } from './unstorable-text.ts';

export interface RoutePattern {
  method: string;
  path: string;
}

/** A percent-encoded name or value as text; an escape that is not UTF-8 is refused, never read literally. */
function decoded(field: () => string, text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new ApiError(
      'invalid_request',
      `${printable(field())}: has a percent escape that is not UTF-8 (${text.slice(0, 60)}); encode the text as UTF-8`,
    );
  }
}

const formDecoded = (text: string) => text.replaceAll('+', ' ');

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
 * Refuses query parameters and path segments that Postgres could not store or that are not UTF-8,
 * and parameters given twice, naming the parameter, before any handler reads them: one check for
 * every endpoint, present and future.
 */
export function refuseUnstorableUrl(routes: () => readonly RoutePattern[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const url = c.req.url;
    const queryAt = url.indexOf('?');
    const pathname = new URL(url).pathname;
    if (queryAt !== -1) {
      const query = url.slice(queryAt + 1).split('#', 1)[0]!;
      const seen = new Set<string>();
      for (const pair of query.split('&')) {
        if (pair === '') continue;
        const equals = pair.indexOf('=');
        const rawName = formDecoded(equals === -1 ? pair : pair.slice(0, equals));
        const name = decoded(() => rawName, rawName);
        if (name === '')
          throw new ApiError('invalid_request', `query: a parameter has no name (${pair.slice(0, 60)}); write it as name=value`);
        refuseUnstorable(name, name);
        if (equals !== -1)
          refuseUnstorable(
            name,
            decoded(() => name, formDecoded(pair.slice(equals + 1))),
          );
        // Every parameter takes one value: a second would be read as one of the two, silently.
        if (seen.has(name)) throw new ApiError('invalid_request', `${printable(name)}: is given more than once; give it once`);
        seen.add(name);
      }
    }
    // Only a percent escape can smuggle an unstorable character into a path.
    if (pathname.includes('%')) {
      const raw = pathname.split('/');
      const field = (index: number) => () => parameterName(routes(), c.req.method, raw, index);
      const segments = raw.map((segment, index) => decoded(field(index), segment));
      for (const [index, segment] of segments.entries()) refuseUnstorable(parameterName(routes(), c.req.method, segments, index), segment);
    }
    await next();
  });
}
