import type { Site } from './db/schema/index.ts';
import type { Database } from './db/client.ts';
import type { Lookups } from './lookups.ts';
import type { RateLimiter } from './middleware/rate-limit.ts';
import type { ResponseWriter } from './routes/responses/response-writer.ts';

export interface WidgetAssets {
  loader: string;
  ui: string;
}

/** Everything the app needs from outside; tests build their own. */
export interface AppDeps {
  db: Database;
  now: () => Date;
  /** The built widget, or null when it has not been built. */
  widget: WidgetAssets | null;
  /** Widget calls per second allowed per client address and per site; defaults when left out. */
  rateLimits?: RateLimits;
  /** Milliseconds for the rate limiters' refills; Date.now when left out (tests stop it). */
  rateLimitClock?: () => number;
  /** How long widget calls may reuse a site or survey they looked up; 2 s when left out. */
  lookupTtlMs?: number;
  /** Webhooks to private addresses allowed (development, tests); refused when left out. */
  allowPrivateWebhooks?: boolean;
}

/** The dependencies plus what the app builds from them once, as the routes receive them. */
export interface Services extends AppDeps {
  lookups: Lookups;
  siteLimiter: RateLimiter;
  /** Shared by the responses route, which writes through it, and readiness, which asks it. */
  responseWriter: ResponseWriter;
}

export interface RateLimits {
  perAddress: number;
  perSite: number;
  /** Take the client's address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy: boolean;
}

export const defaultRateLimits: RateLimits = { perAddress: 50, perSite: 2000, trustProxy: false };

export interface AppEnv {
  Variables: {
    requestId: string;
    site: Site;
  };
}
