import { useEffect, useState } from 'preact/hooks';

/** Where the console is: the path and query of the address's fragment (`#/sites/…/dashboard?x=1`). */
export interface Route {
  path: string;
  query: URLSearchParams;
}

export function routeOf(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  return { path: path.startsWith('/') ? path : `/${path}`, query: new URLSearchParams(query) };
}

/** The current route, following the address as it changes. */
export function useRoute(): Route {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const follow = () => setHash(location.hash);
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return routeOf(hash);
}

/** Goes to `to` (a path such as `/sign-in`); `replace` leaves no step in the history, as a redirect should. */
export function navigate(to: string, replace = false) {
  const hash = `#${to}`;
  if (location.hash === hash) return;
  if (replace) {
    history.replaceState(null, '', hash);
    dispatchEvent(new HashChangeEvent('hashchange'));
  } else location.hash = hash;
}

/** The parameters of `path` if it has the shape of `pattern` (`/sites/:siteId/:page`), else null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const given = have[index]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(given);
    else if (part !== given) return null;
  }
  return params;
}

export const href = (path: string) => `#${path}`;
