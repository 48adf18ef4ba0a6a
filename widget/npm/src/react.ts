// React: one hook in the app's shell (or a client component in Next.js) does what the snippet's
// calls do by hand: load once, identify the signed-in user, and ask again on each route change.
import { useEffect, useRef } from 'react';
import { identify, init, on, reset, run } from './index.js';
import type { TenpointEvent, TenpointEvents, TenpointInitOptions, TenpointUser } from './types.js';

export interface UseTenpointOptions extends TenpointInitOptions {
  /** The signed-in user; `null` or left out while nobody is (a change to `null` forgets the last one). */
  user?: TenpointUser | null | undefined;
  /** What changes on navigation, such as `location.pathname`: each change asks whether to show a survey. */
  route?: string | undefined;
}

export function useTenpoint({ siteKey, apiUrl, nonce, user, route }: UseTenpointOptions): void {
  useEffect(() => init({ siteKey, apiUrl, nonce }), [siteKey, apiUrl, nonce]);

  // Compared by value: an object made anew on each render is the same user.
  const userKey = user ? JSON.stringify(user) : null;
  const identified = useRef<string | null>(null);
  useEffect(() => {
    const before = identified.current;
    if (userKey === before) return;
    const next = userKey ? (JSON.parse(userKey) as TenpointUser) : null;
    // Someone else signed in (or nobody is): the last one's survey must not stay up for them.
    if (before && (JSON.parse(before) as TenpointUser).userId !== next?.userId) reset();
    if (next) identify(next);
    identified.current = userKey;
  }, [userKey]);

  // The loader skips a run() while a survey is up, so a second call (React's strict mode) never stacks two.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new route is what asks again
  useEffect(() => {
    if (userKey) run();
  }, [userKey, route]);
}

/** Calls `handler` on each `event` while the component is mounted. */
export function useTenpointEvent<E extends TenpointEvent>(event: E, handler: (payload: TenpointEvents[E]) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => on(event, (payload) => latest.current(payload)), [event]);
}
