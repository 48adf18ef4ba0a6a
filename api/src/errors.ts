import { statusOfErrorCode, type ErrorBody, type ErrorCode } from '@tenpoint/shared';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './app-env.ts';

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
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  'ERR_STREAM_WRITE_AFTER_END', 'ERR_STREAM_DESTROYED',
  'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED',
  '08000', '08001', '08003', '08004', '08006', '53300', '57P01', '57P02', '57P03',
  // A statement cut short by statement_timeout: the database is too slow to answer now.
  '57014',
]);

function isDatabaseUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && connectionErrorCodes.has(code)) return true;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause !== undefined && cause !== error && isDatabaseUnreachable(cause);
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
  if (isDatabaseUnreachable(error)) {
    c.header('Retry-After', '5');
    return errorResponse(c, 'unavailable', 'the database is unreachable; try again shortly');
  }
  console.error(`[${c.get('requestId')}]`, error);
  return errorResponse(c, 'internal', 'something went wrong on our side; the request id helps us find it');
}

export function handleNotFound(c: Context<AppEnv>) {
  return errorResponse(c, 'not_found', `${c.req.method} ${c.req.path} does not exist; the endpoints are listed at /docs and in /openapi.json`);
}
