import type { Context } from 'hono';
import type { AppEnv, SignedIn } from '../app-env.ts';

export type { SignedIn } from '../app-env.ts';

import { type ConsoleAuth, sessionMaxSeconds } from './create-auth.ts';

/** Copies the cookies better-auth set (a new session, a renewed one, a cleared one) onto our answer. */
export function forwardCookies(c: Context<AppEnv>, headers: Headers | undefined) {
  for (const cookie of headers?.getSetCookie() ?? []) c.header('set-cookie', cookie, { append: true });
}

/**
 * The console user of this request's session cookie, or null. Idle sessions expire by
 * better-auth's rule; one older than `sessionMaxSeconds` is ended here whatever its use.
 */
export async function readSession(auth: ConsoleAuth, c: Context<AppEnv>, now: Date): Promise<SignedIn | null> {
  if (!c.req.header('cookie')?.includes('session_token')) return null;
  const { headers, response } = await auth.api.getSession({ headers: c.req.raw.headers, returnHeaders: true });
  if (!response) return null;
  if (now.getTime() - new Date(response.session.createdAt).getTime() > sessionMaxSeconds * 1000) {
    await auth.api.revokeSession({ headers: c.req.raw.headers, body: { token: response.session.token } }).catch(() => undefined);
    return null;
  }
  forwardCookies(c, headers);
  return {
    user: { id: response.user.id, email: response.user.email, name: response.user.name },
    session: { id: response.session.id, token: response.session.token, createdAt: new Date(response.session.createdAt) },
  };
}
