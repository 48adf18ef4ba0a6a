import type { ConsoleAuth } from './auth/create-auth.ts';
import type { Database } from './db/client.ts';
import type { EligibilityLimits, EligibilityServices } from './eligibility/eligibility-services.ts';
import type { Mailer } from './email/mailer.ts';
import type { RateLimiter, RateLimits } from './middleware/rate-limit.ts';
import type { Logger } from './observability/logger.ts';
import type { Metrics } from './observability/metrics.ts';
import type { ResponseWriter } from './responses/response-writer.ts';
import type { DeliveryTimings } from './webhooks/delivery-worker.ts';
import type { CallCounter } from './widget-calls/call-counter.ts';
import type { Lookups } from './widget-calls/lookups.ts';

export interface WidgetAssets {
  loader: string;
  ui: string;
  /** /wootric.js: what a pasted Wootric snippet loads instead of Wootric's SDK. */
  wootric: string;
}

/** Everything the app needs from outside; tests build their own. */
export interface AppDeps {
  db: Database;
  now: () => Date;
  /** The console's sign-in, sessions and teams. */
  auth: ConsoleAuth;
  /** Invitations, password resets: sent by SMTP, or kept in the outbox. */
  mailer: Mailer;
  /** Where people reach this API (links in email). */
  publicUrl: string;
  /** The built widget, or null when it has not been built. */
  widget: WidgetAssets | null;
  /** The folder of the built console (served at /app); left out, /app answers 404. */
  consoleFolder?: string | undefined;
  /** Widget calls per second allowed per client address and per site; defaults when left out. */
  rateLimits?: RateLimits;
  /** Milliseconds for the rate limiters' refills; Date.now when left out (tests stop it). */
  rateLimitClock?: () => number;
  /** The eligibility hot path's memory of "no"s and its load shedding; defaults when left out. */
  eligibilityLimits?: Partial<EligibilityLimits>;
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
  eligibility: EligibilityServices;
  siteLimiter: RateLimiter;
  /** Shared by the responses route, which writes through it, and readiness, which asks it. */
  responseWriter: ResponseWriter;
  /** Widget calls accepted and refused, counted in memory and written every few seconds, for the install check. */
  callCounter: CallCounter;
}

/** What the background workers need (see workers/create-workers.ts); tests build their own. */
export interface WorkerDeps {
  db: Database;
  now: () => Date;
  /** Where outages and recoveries are said; nowhere when left out (tests). */
  logger?: Logger;
  /** Webhooks to private addresses allowed (development, tests); refused when left out. */
  allowPrivateWebhooks?: boolean;
  /** Linked from chat messages. */
  dashboardUrl?: string | undefined;
  /** How often score tallies are folded; every second when left out. */
  foldEveryMs?: number;
  /** How often the busy tables' statistics are checked; every 2 s when left out. */
  statisticsEveryMs?: number;
  /** The webhook sender's polling, retries and limits; defaults when left out. */
  webhookDelivery?: DeliveryTimings;
  /** Alert emails go through it; left out, no alert worker runs (tests of other workers). */
  mailer?: Mailer;
  /** Where people reach the API: alert emails link to the console there. */
  publicUrl?: string;
  /** Sends the weekly digests (see digest/send-digests.ts); none are sent when left out. */
  digest?: { mailer: Mailer; publicUrl: string; everyMs?: number };
}
