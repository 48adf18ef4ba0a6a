import { type ErrorBody, type ErrorCode, statusOfErrorCode } from '@tenpoint/shared';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './app-env.ts';
import { errorFields, type Logger } from './observability/logger.ts';

/** The one error the API throws on purpose; its code decides the status. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

// What the socket, postgres.js and the server say when the database is out of reach or shutting down.
const connectionErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ERR_STREAM_WRITE_AFTER_END',
  'ERR_STREAM_DESTROYED',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  // A statement cut short by statement_timeout: the database is too slow to answer now.
  '57014',
]);

/** The codes on an error and its causes, outermost first: drizzle wraps what the driver throws. */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let at = error, depth = 0; at && depth < 5; at = (at as { cause?: unknown }).cause, depth++) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}

// Postgres class 53: the database is up but short of disk, memory or connections.
const shortages: Record<string, string> = {
  '53100': 'disk full',
  '53200': 'out of memory',
  '53300': 'too many connections',
  '53400': 'a configuration limit reached',
};
const shortageLogEveryMs = 60_000;
const shortageLoggedAt = new Map<string, { at: number; since: number }>();

/** One line per kind of shortage a minute, never a stack per request: it lasts, and every request meets it. */
function logShortage(logger: Logger | undefined, code: string, what: string, error: unknown) {
  // Elapsed time, not the time of day: a monotonic timer, which a change of the system clock cannot stretch.
  const now = performance.now();
  const last = shortageLoggedAt.get(code);
  if (last && now - last.at < shortageLogEveryMs) {
    last.since++;
    return;
  }
  const repeats = last?.since ? ` (${last.since} more since the last line)` : '';
  const detail = String((error as { cause?: { message?: unknown } }).cause?.message ?? (error as Error).message ?? '').split('\n')[0];
  logger?.error({ code, repeats: last?.since ?? 0 }, `database unavailable: ${code} ${what}${repeats}: ${detail}`);
  shortageLoggedAt.set(code, { at: now, since: 0 });
}

export function errorResponse(c: Context<AppEnv>, code: ErrorCode, message: string) {
  const body: ErrorBody = { error: { code, message, requestId: c.get('requestId') ?? 'unknown' } };
  return c.json(body, statusOfErrorCode[code] as ContentfulStatusCode);
}

export function handleError(error: unknown, c: Context<AppEnv>) {
  if (error instanceof ApiError) {
    if (error.retryAfterSeconds !== undefined) c.header('Retry-After', String(error.retryAfterSeconds));
    return errorResponse(c, error.code, error.message);
  }
  const codes = codesOf(error);
  const shortage = codes.find((code) => /^53[0-9A-Z]{3}$/.test(code));
  if (shortage) {
    const what = shortages[shortage] ?? 'insufficient resources';
    logShortage(c.var.logger, shortage, what, error);
    c.header('Retry-After', shortage === '53300' ? '5' : '30');
    return errorResponse(c, 'unavailable', `the database cannot take this now (${what}); try again shortly`);
  }
  // A row that names one deleted a moment ago (a survey, by another process still holding it cached).
  if (codes.includes('23503')) return errorResponse(c, 'not_found', 'what this request names was deleted a moment ago');
  if (codes.some((code) => connectionErrorCodes.has(code))) {
    c.header('Retry-After', '5');
    return errorResponse(c, 'unavailable', 'the database is unreachable; try again shortly');
  }
  // One line, without the request's data or the query's parameters (see errorFields).
  c.var.logger?.error({ error: errorFields(error) }, 'unexpected error');
  return errorResponse(c, 'internal', 'something went wrong on our side; the request id helps us find it');
}

export function handleNotFound(c: Context<AppEnv>) {
  return errorResponse(
    c,
    'not_found',
    `${c.req.method} ${c.req.path} does not exist; the endpoints are listed at /docs and in /openapi.json`,
  );
}
