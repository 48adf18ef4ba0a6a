import {
  accountsAnswerSchema,
  dateRange,
  declineRequestSchema,
  eligibilityAnswerSchema,
  eligibilityRequestSchema,
  errorBodySchema,
  impressionRequestSchema,
  responseAnswerSchema,
  responseRequestSchema,
  responsesPageSchema,
  responsesQuerySchema,
  siteOriginSchema,
  sitePatchSchema,
  siteSchema,
  scoresAnswerSchema,
  scoresQuerySchema,
  secretKeyAnswerSchema,
  surveyCreateSchema,
  surveyPatchSchema,
  surveySchema,
  userErasureSchema,
  userExportSchema,
  webhookCreateSchema,
  webhookDeliverySchema,
  webhookPatchSchema,
  webhookSchema,
  webhookTestAnswerSchema,
  webhookSecretSchema,
} from '@tenpoint/shared';
import { z } from 'zod';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

/** The JSON Schema (2020-12, as OpenAPI 3.1 uses) of a shared zod schema: the API validates with the same one. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const traitFilter = {
  name: 'trait.NAME',
  in: 'query',
  required: false,
  description: 'Only answers whose user had this trait value, e.g. `trait.plan=pro`; `trait.account.NAME` for an account trait. May be repeated for several traits.',
  schema: { type: 'string' },
};

function queryParameters(schema: z.ZodType) {
  const json = schemaOf(schema, 'input');
  return [
    ...Object.entries(json.properties ?? {}).map(([name, property]) => ({ name, in: 'query', required: json.required?.includes(name) ?? false, schema: property })),
    traitFilter,
  ];
}

const jsonBody = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: schemaOf(schema, 'input') } } });
const jsonAnswer = (description: string, schema: z.ZodType) => ({ description, content: { 'application/json': { schema: schemaOf(schema) } } });
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [String(status), { $ref: '#/components/responses/Error' }]));
const noContent = (description: string) => ({ description });
// Any vendor call can be refused (400: e.g. U+0000 in the query), unauthenticated, or meet a database that cannot answer.
const vendorErrors = (...statuses: number[]) => errors(400, 401, 503, ...statuses);
// A JSON body may also be too large or of another media type.
const vendorBodyErrors = (...statuses: number[]) => vendorErrors(413, 415, ...statuses);
const userIdQuery = { name: 'userId', in: 'query', required: true, description: 'Your id of the user; this form reaches every id, `.` and `..` too, which HTTP clients resolve away in a path.', schema: { type: 'string', minLength: 1, maxLength: 200 } };
const vendor = { security: [{ secretKey: [] }] };
const widget = { security: [], tags: ['Widget'] };
const pathParameter = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });

/** The OpenAPI 3.1 document of the whole HTTP API, built from the schemas the API validates with. */
export function openApiDocument(serverUrl?: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tenpoint API',
      version: '1.0.0',
      description:
        `In-product NPS, CSAT and CES surveys. Widget endpoints take the public \`siteKey\` in the body; vendor endpoints take \`Authorization: Bearer sk_…\` and JSON bodies as \`Content-Type: application/json\` (415 otherwise). Dates are read from ${dateRange.first} to ${dateRange.last}. Text may not hold U+0000 or half of a surrogate pair (400). Every error has the shape \`{ error: { code, message, requestId } }\`.`,
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    tags: [{ name: 'Widget', description: 'Called by the widget from your users’ browsers.' }, { name: 'Scores' }, { name: 'Responses' }, { name: 'Surveys' }, { name: 'Users' }, { name: 'Webhooks' }, { name: 'Operations' }],
    paths: {
      '/v1/eligibility': {
        post: { ...widget, summary: 'Should this user see the survey now?', requestBody: jsonBody(eligibilityRequestSchema), responses: { 200: jsonAnswer('Eligible, with the survey worded for the user, or not, with the reason.', eligibilityAnswerSchema), ...errors(400, 401, 403, 413, 429, 503) } },
      },
      '/v1/impressions': {
        post: { ...widget, summary: 'The survey was shown', requestBody: jsonBody(impressionRequestSchema), responses: { 202: noContent('Recorded (once per showing).'), ...errors(400, 401, 403, 404, 429, 503) } },
      },
      '/v1/responses': {
        post: { ...widget, summary: 'A score, and maybe a comment', description: 'Idempotent by the client-made `id`: a retry or the comment sent later updates the same response.', requestBody: jsonBody(responseRequestSchema), responses: { 201: jsonAnswer('Stored.', responseAnswerSchema), 200: jsonAnswer('Already stored under this id; updated.', responseAnswerSchema), ...errors(400, 401, 403, 404, 409, 413, 429, 503) } },
        get: { ...vendor, tags: ['Responses'], summary: 'Responses with their comments, a page at a time', parameters: queryParameters(responsesQuerySchema), responses: { 200: jsonAnswer('One page; pass `nextCursor` as `cursor` for the next.', responsesPageSchema), ...vendorErrors(404) } },
      },
      '/v1/responses.csv': {
        get: { ...vendor, tags: ['Responses'], summary: 'The same responses as CSV', description: 'Streamed, UTF-8 with a byte-order mark; cells that a spreadsheet would run as a formula are prefixed with an apostrophe.', parameters: queryParameters(responsesQuerySchema).filter((parameter) => !['cursor', 'limit'].includes(parameter.name)), responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, ...vendorErrors(404) } },
      },
      '/v1/declines': {
        post: { ...widget, summary: 'The survey was closed without a score', requestBody: jsonBody(declineRequestSchema), responses: { 202: noContent('Recorded (once per showing).'), ...errors(400, 401, 403, 404, 429, 503) } },
      },
      '/v1/scores': {
        get: { ...vendor, tags: ['Scores'], summary: 'Headline score, series and segments', description: 'A series of more than 20,000 points (e.g. by day over 55 years) is refused with a 400 that says to ask for a coarser `interval` or a shorter range.', parameters: queryParameters(scoresQuerySchema), responses: { 200: jsonAnswer('The score of the survey over the range.', scoresAnswerSchema), ...vendorErrors(404) } },
      },
      '/v1/accounts': {
        get: {
          ...vendor,
          tags: ['Scores'],
          summary: 'B2B: each account’s score, responses, last answer and trend',
          description: 'Over `from`–`to` (the 90 days to today in `tz` unless given); `trend` is the change against the range of the same length just before, null with `trendReason` unless both ranges have `minSample` answers.',
          parameters: queryParameters(scoresQuerySchema.pick({ surveyId: true, from: true, to: true, tz: true, minSample: true, includeTest: true })),
          responses: { 200: jsonAnswer('Accounts with answers in the range, most answers first.', accountsAnswerSchema), ...vendorErrors(404) },
        },
      },
      '/v1/surveys': {
        get: { ...vendor, tags: ['Surveys'], summary: "The site's surveys and their settings", responses: { 200: jsonAnswer('Default survey first.', z.object({ data: z.array(surveySchema) })), ...vendorErrors() } },
        post: { ...vendor, tags: ['Surveys'], summary: 'A new survey (NPS, CSAT or CES)', requestBody: jsonBody(surveyCreateSchema), responses: { 201: jsonAnswer('Created.', surveySchema), ...vendorBodyErrors() } },
      },
      '/v1/surveys/{id}': {
        parameters: [pathParameter('id', 'The survey id.')],
        get: { ...vendor, tags: ['Surveys'], summary: 'One survey', responses: { 200: jsonAnswer('The survey with every setting filled in.', surveySchema), ...vendorErrors(404) } },
        patch: { ...vendor, tags: ['Surveys'], summary: 'Change a survey', description: '`settings` is merged object by object into what is stored, then validated whole; see the `settings` of the survey schema.', requestBody: jsonBody(surveyPatchSchema), responses: { 200: jsonAnswer('The survey as now stored.', surveySchema), ...vendorBodyErrors(404) } },
      },
      '/v1/users': {
        get: { ...vendor, tags: ['Users'], summary: 'Everything stored about one user, named in the query', parameters: [userIdQuery], responses: { 200: jsonAnswer('The user, their responses, dismissals and showings.', userExportSchema), ...vendorErrors(404) } },
        delete: { ...vendor, tags: ['Users'], summary: 'Erase one user, named in the query', description: 'Their responses, dismissals and showings are deleted and leave every score.', parameters: [userIdQuery], responses: { 200: jsonAnswer('How much was erased.', userErasureSchema), ...vendorErrors(404) } },
      },
      '/v1/users/{userId}': {
        parameters: [pathParameter('userId', 'Your id of the user, URL-encoded. An id of `.` or `..` needs the `?userId=` form.')],
        get: { ...vendor, tags: ['Users'], summary: 'Everything stored about one user', responses: { 200: jsonAnswer('The user, their responses, dismissals and showings, and `webhookDeliveries`: what webhooks carried or will carry about them, and to which URL.', userExportSchema), ...vendorErrors(404) } },
        delete: { ...vendor, tags: ['Users'], summary: 'Erase one user', description: 'Their responses, dismissals and showings are deleted and leave every score. Webhook deliveries about them that have not gone out are dropped; those sent or given up keep only their log entry, their data erased.', responses: { 200: jsonAnswer('How much was erased.', userErasureSchema), ...vendorErrors(404) } },
      },
      '/v1/webhooks': {
        get: { ...vendor, tags: ['Webhooks'], summary: 'Your webhook subscriptions', responses: { 200: jsonAnswer('Oldest first.', z.object({ data: z.array(webhookSchema) })), ...vendorErrors() } },
        post: {
          ...vendor,
          tags: ['Webhooks'],
          summary: 'Subscribe a URL to events',
          description:
            'Each delivery is a POST of `{ id, type, createdAt, data }` (or a Slack message with `format: slack`) with headers `Tenpoint-Delivery` (the id, to drop repeats), `Tenpoint-Event` and `Tenpoint-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the subscription\'s secret>`. Failed deliveries are retried with growing waits for 24 hours, then the subscription is paused; a `429` answer is waited out as its `Retry-After` asks and never counts as a failure. Each subscription gets one delivery at a time (Slack ones at most one a second), each with 10 s for the whole exchange. Private and loopback addresses are refused. The answer holds the signing `secret`, shown this once (see `/v1/webhooks/{id}/secret`).',
          requestBody: jsonBody(webhookCreateSchema),
          responses: { 201: jsonAnswer('Created, with its signing secret.', webhookSchema), ...vendorBodyErrors() },
        },
      },
      '/v1/webhooks/{id}': {
        parameters: [pathParameter('id', 'The subscription id.')],
        get: { ...vendor, tags: ['Webhooks'], summary: 'One subscription', responses: { 200: jsonAnswer('The subscription.', webhookSchema), ...vendorErrors(404) } },
        patch: { ...vendor, tags: ['Webhooks'], summary: 'Change, pause or resume a subscription', requestBody: jsonBody(webhookPatchSchema), responses: { 200: jsonAnswer('As now stored.', webhookSchema), ...vendorBodyErrors(404) } },
        delete: { ...vendor, tags: ['Webhooks'], summary: 'Delete a subscription and its log', responses: { 204: noContent('Deleted.'), ...vendorErrors(404) } },
      },
      '/v1/webhooks/{id}/secret': {
        parameters: [pathParameter('id', 'The subscription id.')],
        get: { ...vendor, tags: ['Webhooks'], summary: 'Reveal the signing secret', description: 'Lists and reads answer `secret: null` and a `secretHint`; this is the one way to read the secret after creation.', responses: { 200: jsonAnswer('The current signing secret.', webhookSecretSchema), ...vendorErrors(404) } },
      },
      '/v1/webhooks/{id}/secret/rotate': {
        parameters: [pathParameter('id', 'The subscription id.')],
        post: { ...vendor, tags: ['Webhooks'], summary: 'Replace the signing secret', description: 'Deliveries are signed with the new secret from now on; the old one stops matching at once.', responses: { 200: jsonAnswer('The new signing secret.', webhookSecretSchema), ...vendorErrors(404) } },
      },
      '/v1/webhooks/{id}/test': {
        parameters: [pathParameter('id', 'The subscription id.')],
        post: { ...vendor, tags: ['Webhooks'], summary: 'Send a signed webhook.test event now', description: 'The whole exchange has 10 s; at most 5 test sends per site at once (429 with `Retry-After` beyond).', responses: { 200: jsonAnswer('How the receiver answered.', webhookTestAnswerSchema), ...vendorErrors(404, 429) } },
      },
      '/v1/webhooks/{id}/deliveries': {
        parameters: [pathParameter('id', 'The subscription id.')],
        get: { ...vendor, tags: ['Webhooks'], summary: 'The delivery log', parameters: [{ name: 'limit', in: 'query', required: false, description: 'How many, newest first: 1 to 200, 50 unless given.', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } }], responses: { 200: jsonAnswer('Newest first: status, tries, last error.', z.object({ data: z.array(webhookDeliverySchema) })), ...vendorErrors(404) } },
      },
      '/v1/secret-key/rotate': {
        post: { ...vendor, tags: ['Operations'], summary: 'Replace the secret key', description: 'Answers `{ secretKey }`, shown this once; the key used for the call stops working at once.', responses: { 200: jsonAnswer('The new key.', secretKeyAnswerSchema), ...vendorErrors() } },
      },
      '/v1/site': {
        get: { ...vendor, tags: ['Operations'], summary: 'The site of the secret key', description: 'Its name, site key, allowed origins and test mode.', responses: { 200: jsonAnswer('The site.', siteSchema), ...vendorErrors() } },
        patch: { ...vendor, tags: ['Operations'], summary: 'Rename the site or switch test mode', description: 'In test mode `tenpoint(\'show\')` shows the survey whatever the throttles say, to try the widget again after answering.', requestBody: jsonBody(sitePatchSchema), responses: { 200: jsonAnswer('The site as now stored.', siteSchema), ...vendorBodyErrors() } },
      },
      '/v1/site/origins': {
        post: { ...vendor, tags: ['Operations'], summary: 'Allow the widget on another origin', description: 'The origin is normalised as browsers send it (`https://app.example.com`); adding one already allowed changes nothing. A path, query, credentials, wildcard host or port 0 is refused, and more than 100 origins. Widget calls to this API process see it at once, to others within 2 s.', requestBody: jsonBody(siteOriginSchema), responses: { 200: jsonAnswer('The site with its origins.', siteSchema), ...vendorBodyErrors() } },
        delete: {
          ...vendor,
          tags: ['Operations'],
          summary: 'Stop allowing an origin',
          parameters: [{ name: 'origin', in: 'query', required: true, description: 'The origin to remove, e.g. `https://app.example.com`.', schema: { type: 'string' } }],
          responses: { 200: jsonAnswer('The site with its origins.', siteSchema), ...vendorErrors(404) },
        },
      },
      '/metrics': {
        get: {
          security: [{ metricsToken: [] }],
          tags: ['Operations'],
          summary: 'Prometheus metrics',
          description: 'Served only when `TENPOINT_METRICS_TOKEN` is set, to requests carrying it as a Bearer token: requests by route pattern and status with latency, database connections, the tally fold\'s backlog and lag, the webhook outbox\'s depth and oldest age.',
          responses: { 200: { description: 'The Prometheus text format.', content: { 'text/plain': { schema: { type: 'string' } } } }, ...errors(401, 404) },
        },
      },
      '/healthz': { get: { security: [], tags: ['Operations'], summary: 'The process is up', responses: { 200: { description: 'ok' } } } },
      '/readyz': { get: { security: [], tags: ['Operations'], summary: 'The database answers', responses: { 200: { description: 'ready' }, ...errors(503) } } },
    },
    components: {
      securitySchemes: {
        secretKey: { type: 'http', scheme: 'bearer', description: 'The site’s secret key, `sk_…`.' },
        metricsToken: { type: 'http', scheme: 'bearer', description: 'The operator’s `TENPOINT_METRICS_TOKEN`.' },
      },
      responses: { Error: { description: 'The one error shape.', content: { 'application/json': { schema: schemaOf(errorBodySchema) } } } },
    },
  };
}
