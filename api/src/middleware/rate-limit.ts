import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../errors.ts';
import { addressKey, clientAddress, type TrustProxy } from './client-address.ts';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface RateLimiter {
  /** Takes one request's token for `key`; throws rate_limited when there is none. */
  take(key: string, what: string): void;
}

/** A token bucket per key: `perSecond` on average, bursts of twice that. In memory, per process. */
export function createRateLimiter(perSecond: number, now: () => number = Date.now): RateLimiter {
  const capacity = perSecond * 2;
  const buckets = new Map<string, Bucket>();
  const sweep = (time: number) => {
    // Full buckets hold no information: drop them so that the map stays small.
    for (const [key, bucket] of buckets) {
      if (bucket.tokens + ((time - bucket.updatedAt) / 1000) * perSecond >= capacity) buckets.delete(key);
    }
  };
  return {
    take(key, what) {
      const time = now();
      if (buckets.size > 50_000) sweep(time);
      const bucket = buckets.get(key) ?? { tokens: capacity, updatedAt: time };
      bucket.tokens = Math.min(capacity, bucket.tokens + ((time - bucket.updatedAt) / 1000) * perSecond);
      bucket.updatedAt = time;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) {
        const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
        throw new ApiError('rate_limited', `too many requests from ${what}; slow down and retry after ${retryAfter} s`, retryAfter);
      }
      bucket.tokens -= 1;
    },
  };
}

export function limitPerAddress(limiter: RateLimiter, trustProxy: TrustProxy) {
  return createMiddleware<AppEnv>(async (c, next) => {
    // Preflights count too: they are answered without a site key, so nothing else limits them.
    limiter.take(addressKey(clientAddress(c, trustProxy)), 'this address');
    await next();
  });
}

export interface RateLimits {
  perAddress: number;
  perSite: number;
  /**
   * Take the client's address from X-Forwarded-For (only behind proxies you run): the number of
   * proxies in front (`true` is one), or their address ranges.
   */
  trustProxy: TrustProxy;
  /** Failed secret-key authentications per address per minute before 429; 10 when left out. */
  failedAuthPerMinute?: number;
  /** Sign-up and password-reset emails asked for per address per 10 minutes; 20 when left out. */
  emailsPerAddress?: number;
}

export const defaultRateLimits: RateLimits = {
  perAddress: 50,
  perSite: 2000,
  trustProxy: false,
  failedAuthPerMinute: 10,
  emailsPerAddress: 20,
};
