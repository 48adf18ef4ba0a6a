import type { Site } from './db/schema/index.ts';
import type { Database } from './db/client.ts';
import type { Lookups } from './lookups.ts';
import type { Logger } from './observability/logger.ts';
import type { Metrics } from './observability/metrics.ts';
import type { TrustProxy } from './middleware/client-address.ts';
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
  /** Where request and error lines go; nowhere when left out (tests). */
  logger?: Logger;
  /** Request counts and latencies, served at /metrics to holders of `metricsToken` only. */
  metrics?: Metrics;
  metricsToken?: string;
  /** True once the process has been told to stop: /readyz fails while requests drain. */
  stopping?: () => boolean;
  /** A test send's whole exchange with the receiver; 10 s when left out. */
  webhookTimeoutMs?: number;
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
  /**
   * Take the client's address from X-Forwarded-For (only behind proxies you run): the number of
   * proxies in front (`true` is one), or their address ranges.
   */
  trustProxy: TrustProxy;
  /** Failed secret-key authentications per address per minute before 429; 10 when left out. */
  failedAuthPerMinute?: number;
}

export const defaultRateLimits: RateLimits = { perAddress: 50, perSite: 2000, trustProxy: false, failedAuthPerMinute: 10 };

export interface AppEnv {
  Variables: {
    requestId: string;
    site: Site;
    logger: Logger;
  };
}
