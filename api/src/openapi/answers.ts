import { type ErrorCode, errorBodySchema } from '@tenpoint/shared';
import type { z } from 'zod';

const errorAnswers = {
  400: [
    'invalid_request',
    'The request is not valid: the message names the field (query parameter, path segment or body field) and what it must be.',
    'from: must be an ISO 8601 date such as 2026-01-31',
  ],
  401: [
    'unauthorized',
    'The key is missing or wrong: `Authorization: Bearer sk_…` for vendor endpoints, the `siteKey` (and the identity hashes) for ' +
      'widget ones.',
    'Authorization: send your secret key as "Bearer sk_…"',
  ],
  403: [
    'forbidden',
    'Not allowed: the page’s origin is not an allowed origin of the site (widget calls), or the role or key may not do this.',
    'Origin: https://elsewhere.example is not allowed for this site; add it with POST /v1/site/origins',
  ],
  404: ['not_found', 'Nothing of that id on this site.', 'id: no survey 3f1c6a52-1f9e-4f7a-9f43-2b8d2a4c5e61 on this site'],
  409: [
    'conflict',
    'The `id` is already used by another response (of another user or survey): make a new UUID for each response.',
    'id: already used by another response; make a new UUID for each response',
  ],
  413: ['payload_too_large', 'The body is over 16 KB.', 'body: must be at most 16 KB'],
  415: [
    'unsupported_media_type',
    'A body sent with another `Content-Type` than `application/json`.',
    'Content-Type: must be application/json for a JSON body',
  ],
  429: [
    'rate_limited',
    'Too many requests (or failed authentications) from this address or for this site: wait the `Retry-After` seconds.',
    'too many requests from this address; slow down and retry after 1 s',
  ],
  503: [
    'unavailable',
    'The database is out of reach, or short of disk, memory or connections: retry after the `Retry-After` seconds.',
    'the database is unreachable; try again shortly',
  ],
} as const satisfies Record<number, [ErrorCode, string, string]>;
type ErrorStatus = keyof typeof errorAnswers;

// These two say when to try again (components.ts declares the header).
const waits: readonly number[] = [429, 503];

function errorAnswer(status: ErrorStatus) {
  const [code, description, message] = errorAnswers[status];
  return {
    description,
    ...(waits.includes(status) ? { headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } } : {}),
    content: {
      'application/json': {
        schema: errorBodySchema,
        example: { error: { code, message, requestId: '0b6f1c5e-3d1a-4c5e-9a7b-2f1e8d9c4b3a' } },
      },
    },
  };
}

/** The error answers of these statuses, in the one error shape, as `responses` entries. */
export function errors<Status extends ErrorStatus>(...statuses: Status[]): Record<Status, ReturnType<typeof errorAnswer>> {
  return Object.fromEntries(statuses.map((status) => [status, errorAnswer(status)])) as Record<Status, ReturnType<typeof errorAnswer>>;
}

/** A 409 of one operation, said in its own words (the shared one speaks of response ids). */
export function conflict(description: string, message: string) {
  const answer = errorAnswer(409);
  const content = answer.content['application/json'];
  return {
    ...answer,
    description,
    content: { 'application/json': { ...content, example: { error: { ...content.example.error, message } } } },
  };
}

/** A JSON answer. */
export const json = <Schema extends z.ZodType>(description: string, schema: Schema) => ({
  description,
  content: { 'application/json': { schema } },
});

/**
 * A vendor endpoint's JSON body: `application/json` only (415 otherwise). The route's validator
 * checks it against `schema`; give the route `middleware: jsonBody` (input/json-body.ts), which
 * reads it first.
 */
export const vendorBody = <Schema extends z.ZodType>(schema: Schema) => ({ required: true, content: { 'application/json': { schema } } });

/**
 * A widget endpoint's body: JSON, sent as `text/plain` by the widget so that browsers send no
 * preflight, or as `application/json`. The widget call reads and checks it (widget-calls/widget-call.ts),
 * not the route's JSON validator, which reads `application/json` bodies only.
 */
export function widgetBody<Schema extends z.ZodType>(schema: Schema) {
  const id = (schema.meta() as { id?: string } | undefined)?.id;
  if (!id) throw new Error('a widget body schema needs an id (.meta({ id })) to be referenced under both media types');
  return {
    required: true,
    description: 'JSON, as `text/plain` (what the widget sends: no CORS preflight, and `sendBeacon` works) or `application/json`.',
    content: { 'application/json': { schema: { $ref: `#/components/schemas/${id}` } }, 'text/plain': { schema } },
  };
}

/** What every vendor operation declares: the secret key, and the errors any of them can give. */
export const vendor = { security: [{ secretKey: [] }, { session: [] }] as Record<string, string[]>[] };
/** Organization endpoints: a console session only, never a site's key. */
export const member = { security: [{ session: [] }] as Record<string, string[]>[] };
export const vendorErrors = [400, 401, 403, 429, 503] as const;
/** Those of an operation with a JSON body. */
export const vendorBodyErrors = [...vendorErrors, 413, 415] as const;
