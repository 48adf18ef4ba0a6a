import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../errors.ts';
import { addressKey, clientAddress, type TrustProxy } from './client-address.ts';
import { createWindowCounter } from './window-counter.ts';

/**
 * Stops guessing secret keys and passwords: an address that failed authentication `perMinute`
 * times within a minute is answered 429 until that minute ends, whatever it sends. Other
 * addresses never wait.
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
    if (c.res.status === 401) failures.add(key);
  });
}
