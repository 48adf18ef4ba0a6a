import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { describe, expect, it } from 'vitest';
import { capturedLogger, expectError } from '../test/test-app.ts';
import type { AppEnv } from './app-env.ts';
import { handleError } from './errors.ts';

// drizzle wraps what the driver throws: the code sits on the cause.
const failedQuery = (cause: Error) => Object.assign(new Error('Failed query: select 1'), { cause });
const driverError = (message: string, code: string) => Object.assign(new Error(message), { code });

function appThrowing(error: unknown, logger = capturedLogger().logger) {
  return new Hono<AppEnv>()
    .use(requestId())
    .use(async (c, next) => {
      c.set('logger', logger);
      await next();
    })
    .get('/', () => {
      throw error;
    })
    .onError(handleError);
}

describe('errors the database throws', () => {
  // Seen through a proxy that drops the connection under load (EPIPE), refuses or never answers.
  it.each([
    ['write EPIPE', 'EPIPE'],
    ['connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'],
    ['write CONNECT_TIMEOUT 127.0.0.1:5432', 'CONNECT_TIMEOUT'],
    ['write CONNECTION_CLOSED 127.0.0.1:5432', 'CONNECTION_CLOSED'],
    ['terminating connection due to administrator command', '57P01'],
    ['sorry, too many clients already', '53300'],
  ])('answer 503 unavailable with Retry-After when the database is out of reach: %s', async (message, code) => {
    const response = await appThrowing(failedQuery(driverError(message, code))).request('/');
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await expectError(response, 503, 'unavailable')).toMatch(/try again/);
  });

  it('answer 500 internal for anything else, without telling what went wrong', async () => {
    const log = capturedLogger();
    const response = await appThrowing(failedQuery(driverError('relation "nope" does not exist', '42P01')), log.logger).request('/');
    expect(await expectError(response, 500, 'internal')).not.toMatch(/nope/);
    expect(log.entries()).toMatchObject([
      { level: 'error', msg: 'unexpected error', error: { message: 'Failed query: select 1', cause: { code: '42P01' } } },
    ]);
    // pino's own error serializer would have added the cause's message, which can quote stored values.
    expect(log.lines.join('\n')).not.toMatch(/nope/);
  });
});
