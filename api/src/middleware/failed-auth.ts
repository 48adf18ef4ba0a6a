import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../errors.ts';
import { addressKey, clientAddress, type TrustProxy } from './client-address.ts';

interface Window {
  failures: number;
  startedAt: number;
}

const windowMs = 60_000;

/**
 * Stops guessing secret keys: an address that failed authentication `perMinute` times within a
 * minute is answered 429 until that minute ends, whatever key it sends. Other addresses never wait.
 */
export function limitFailedAuth(perMinute: number, trustProxy: TrustProxy, now: () => number = Date.now) {
  const windows = new Map<string, Window>();
  return createMiddleware<AppEnv>(async (c, next) => {
    const key = addressKey(clientAddress(c, trustProxy));
    const time = now();
    const window = windows.get(key);
    if (window && time - window.startedAt >= windowMs) windows.delete(key);
    const current = windows.get(key);
    if (current && current.failures >= perMinute) {
      const retryAfter = Math.max(1, Math.ceil((current.startedAt + windowMs - time) / 1000));
      throw new ApiError(
        'rate_limited',
        `too many failed authentication attempts from this address; retry after ${retryAfter} s`,
        retryAfter,
      );
    }
    await next();
    if (c.res.status !== 401) return;
    if (windows.size > 50_000) {
      for (const [stale, { startedAt }] of windows) if (time - startedAt >= windowMs) windows.delete(stale);
    }
    const counted = windows.get(key) ?? { failures: 0, startedAt: time };
    counted.failures++;
    windows.set(key, counted);
  });
}
