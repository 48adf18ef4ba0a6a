import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../errors.ts';
import { addressKey, clientAddress, type TrustProxy } from './client-address.ts';
import { createWindowCounter } from './window-counter.ts';

/**
 * Stops guessing secret keys and passwords: an address that failed authentication `perMinute`
 * times within a minute is answered 429 until that minute ends, whatever it sends. Other
 * addresses never wait. Only a credential presented and refused counts (a key, or a password at
 * sign-in): a console asking who is signed in before anyone is, or a signed session that ended,
 * is nothing to guess.
 */
export function limitFailedAuth(perMinute: number, trustProxy: TrustProxy, now: () => number = Date.now) {
  const failures = createWindowCounter(perMinute, 60_000, now);
  return createMiddleware<AppEnv>(async (c, next) => {
    const key = addressKey(clientAddress(c, trustProxy));
    const retryAfter = failures.waitSeconds(key);
    if (retryAfter > 0) {
      throw new ApiError(
        'rate_limited',
        `too many failed authentication attempts from this address; retry after ${retryAfter} s`,
        retryAfter,
      );
    }
    await next();
    const presented = c.req.header('authorization') !== undefined || (c.req.method === 'POST' && c.req.path === '/v1/session');
    if (c.res.status === 401 && presented) failures.add(key);
  });
}
