import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { AppEnv } from './app-env.ts';
import type { AppDeps, Services } from './deps.ts';
import { createEligibilityServices } from './eligibility/eligibility-services.ts';
import { handleError, handleNotFound } from './errors.ts';
import { refuseUnknownParameters } from './input/query-parameters.ts';
import { type RoutePattern, refuseUnstorableUrl } from './input/refuse-unstorable-url.ts';
import { limitBody } from './middleware/body-limit.ts';
import { deadline } from './middleware/deadline.ts';
import { limitFailedAuth } from './middleware/failed-auth.ts';
import { createRateLimiter, defaultRateLimits, limitPerAddress } from './middleware/rate-limit.ts';
import { requireSameOrigin } from './middleware/same-origin.ts';
import { createLogger } from './observability/logger.ts';
import { observeRequests } from './observability/observe-requests.ts';
import { openApiDocument } from './openapi/openapi-document.ts';
import { createResponseWriter } from './responses/response-writer.ts';
import { consoleRoutes } from './routes/console/console-files.ts';
import { healthRoutes } from './routes/operations/health.ts';
import { metricsRoutes } from './routes/operations/metrics.ts';
import { openApiRoutes } from './routes/operations/openapi.ts';
import { router } from './routes/router.ts';
import { auditAndOutboxRoutes } from './routes/team/audit-and-outbox.ts';
import { digestUnsubscribeRoutes } from './routes/team/digest-unsubscribe.ts';
import { invitationRoutes } from './routes/team/invitations.ts';
import { notificationRoutes } from './routes/team/notifications.ts';
import { organizationSiteRoutes } from './routes/team/organization-sites.ts';
import { organizationRoutes } from './routes/team/organizations.ts';
import { signInRoutes } from './routes/team/sign-in.ts';
import { accountRoutes as vendorAccountRoutes } from './routes/vendor/accounts.ts';
import { alertRuleRoutes } from './routes/vendor/alert-rules.ts';
import { followUpRoutes } from './routes/vendor/follow-ups.ts';
import { importBodyBytes, importPath, importRoutes } from './routes/vendor/imports.ts';
import { keyRoutes } from './routes/vendor/keys.ts';
import { replyRoutes } from './routes/vendor/replies.ts';
import { responseReadingRoutes } from './routes/vendor/responses.ts';
import { scoreRoutes } from './routes/vendor/scores.ts';
import { secretKeyRoutes } from './routes/vendor/secret-key.ts';
import { siteRoutes } from './routes/vendor/site.ts';
import { surveyRoutes } from './routes/vendor/surveys.ts';
import { traitRoutes } from './routes/vendor/traits.ts';
import { userEligibilityRoutes } from './routes/vendor/user-eligibility.ts';
import { userRoutes } from './routes/vendor/users.ts';
import { webhookRoutes } from './routes/vendor/webhooks.ts';
import { declineRoutes } from './routes/widget/declines.ts';
import { eligibilityRoutes } from './routes/widget/eligibility.ts';
import { impressionRoutes } from './routes/widget/impressions.ts';
import { responseRoutes } from './routes/widget/responses.ts';
import { widgetAssetRoutes } from './routes/widget/widget-assets.ts';
import { wootricSiteRoutes } from './routes/widget/wootric-sites.ts';
import { createCallCounter } from './widget-calls/call-counter.ts';
import { createLookups } from './widget-calls/lookups.ts';
import { readableWidgetErrors } from './widget-calls/readable-errors.ts';
import { widgetPreflight } from './widget-calls/widget-preflight.ts';

export type { AppDeps } from './deps.ts';

const maxBodyBytes = 16 * 1024;
// Widget calls answer within 2 s whatever the database does (see the database-down test).
const widgetDeadlineMs = 1500;

/** Every operation of /openapi.json, as routes declared with their schemas. */
function documentedRoutes(services: Services) {
  return router()
    .route('/', healthRoutes(services))
    .route('/', metricsRoutes(services.metrics, services.metricsToken))
    .route('/v1/eligibility', eligibilityRoutes(services))
    .route('/v1/impressions', impressionRoutes(services))
    .route('/v1/responses', responseRoutes(services))
    .route('/', responseReadingRoutes(services))
    .route('/', followUpRoutes(services))
    .route('/', importRoutes(services))
    .route('/', replyRoutes(services))
    .route('/v1/declines', declineRoutes(services))
    .route('/v1/wootric/sites', wootricSiteRoutes(services))
    .route('/v1/scores', scoreRoutes(services))
    .route('/v1/accounts', vendorAccountRoutes(services))
    .route('/v1/secret-key', secretKeyRoutes(services))
    .route('/v1/site', siteRoutes(services))
    .route('/v1/surveys', surveyRoutes(services))
    .route('/v1/users', userRoutes(services))
    .route('/v1/user-eligibility', userEligibilityRoutes(services))
    .route('/v1/traits', traitRoutes(services))
    .route('/v1/webhooks', webhookRoutes(services))
    .route('/v1/alert-rules', alertRuleRoutes(services))
    .route('/v1/keys', keyRoutes(services))
    .route('/v1', signInRoutes(services))
    .route('/v1', organizationRoutes(services))
    .route('/v1', invitationRoutes(services))
    .route('/v1', organizationSiteRoutes(services))
    .route('/v1', auditAndOutboxRoutes(services))
    .route('/v1', notificationRoutes(services))
    .route('/v1', digestUnsubscribeRoutes(services));
}

/** Builds the whole HTTP API from its dependencies; `server.ts` only serves it. */
export function createApp(deps: AppDeps) {
  const widgetPaths = ['/v1/eligibility', '/v1/impressions', '/v1/responses', '/v1/declines'];
  const limits = deps.rateLimits ?? defaultRateLimits;
  const services: Services = {
    ...deps,
    lookups: createLookups(deps.db, deps.lookupTtlMs ?? 2000),
    eligibility: createEligibilityServices(deps.eligibilityLimits),
    siteLimiter: createRateLimiter(limits.perSite, deps.rateLimitClock),
    responseWriter: createResponseWriter(deps.db),
    callCounter: createCallCounter(deps.db, { now: deps.now, logger: deps.logger }),
  };
  const documented = documentedRoutes(services);
  // Served at /openapi.json and the reference for which query parameters each operation takes.
  const document = openApiDocument(documented);
  const sameOrigin = requireSameOrigin(deps.publicUrl);
  const bodyLimit = limitBody(maxBodyBytes);
  const importLimit = limitBody(importBodyBytes);
  const addressLimiter = createRateLimiter(limits.perAddress, deps.rateLimitClock);
  const failedAuth = limitFailedAuth(
    limits.failedAuthPerMinute ?? defaultRateLimits.failedAuthPerMinute!,
    limits.trustProxy,
    deps.rateLimitClock,
  );
  const app: Hono<AppEnv> = new Hono<AppEnv>()
    .use(requestId())
    .use(observeRequests(deps.logger ?? createLogger('silent'), deps.metrics))
    .use(
      '/v1/*',
      readableWidgetErrors((path) => widgetPaths.includes(path) || path.startsWith('/v1/wootric/')),
    )
    // A forged request is refused before anything of it is read.
    .use('/v1/*', async (c, next) => (widgetPaths.includes(c.req.path) ? next() : sameOrigin(c, next)))
    .use('/v1/*', async (c, next) => (c.req.path === importPath ? importLimit(c, next) : bodyLimit(c, next)))
    .use(
      '/v1/*',
      refuseUnstorableUrl((): readonly RoutePattern[] => app.routes),
    )
    .use('/v1/*', refuseUnknownParameters(document))
    // Vendor endpoints: the widget's calls carry a public key, nothing to guess.
    .use('/v1/*', async (c, next) => (widgetPaths.includes(c.req.path) && c.req.method !== 'GET' ? next() : failedAuth(c, next)));
  // The widget's methods only: GET /v1/responses is the vendor's, and streams for longer than that.
  for (const path of widgetPaths) {
    app.on(['POST', 'OPTIONS'], path, limitPerAddress(addressLimiter, limits.trustProxy), widgetPreflight(), deadline(widgetDeadlineMs));
  }
  // A pasted Wootric snippet's one call (/wootric.js), limited as the widget's are.
  app.use('/v1/wootric/sites/*', limitPerAddress(addressLimiter, limits.trustProxy), deadline(widgetDeadlineMs));
  return app
    .route('/', openApiRoutes(document))
    .route('/', widgetAssetRoutes(services))
    .route('/', consoleRoutes(services.consoleFolder))
    .route('/', documented)
    .onError(handleError)
    .notFound(handleNotFound);
}
