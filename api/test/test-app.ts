import { randomUUID } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { serve } from '@hono/node-server';
import { type ErrorCode, errorBodySchema } from '@tenpoint/shared';
import { expect, inject } from 'vitest';
import { createApp } from '../src/app.ts';
import { createAuth } from '../src/auth/create-auth.ts';
import { type Database, type DatabaseHandle, openDatabase } from '../src/db/client.ts';
import type { EligibilityLimits } from '../src/eligibility/eligibility-services.ts';
import { createMailer, type SmtpTimeouts } from '../src/email/mailer.ts';
import type { RateLimits } from '../src/middleware/rate-limit.ts';
import { createLogger, type Logger } from '../src/observability/logger.ts';
import { createMetrics } from '../src/observability/metrics.ts';
import { createSite } from '../src/sites/create-site.ts';

export const testOrigin = 'https://app.example.test';

/**
 * A fresh embedded Postgres, copied from the migrated one that test/global-setup.ts made for the run
 * (or made and migrated here without it); or DATABASE_URL when it is set, migrated once per run.
 */
async function openTestDatabase(): Promise<DatabaseHandle> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const database = await openDatabase({ databaseUrl, dataDir: null });
    if (!inject('databaseUrlMigrated')) await database.migrate();
    return database;
  }
  const template = inject('embeddedTemplate');
  // A Blob backed by the file: nothing is read into memory before PGlite reads it.
  const database = await openDatabase({ dataDir: null, ...(template ? { loadDataDir: await openAsBlob(template) } : {}) });
  // Applies every migration to an empty database; on a copy of the template it only checks (milliseconds).
  await database.migrate();
  return database;
}

/** The console's sign-in and email as an app under test has them: email kept in the outbox unless `smtpUrl` is given. */
export function teamDeps(
  db: Database,
  options: { smtpUrl?: string; smtpTimeouts?: SmtpTimeouts; publicUrl?: string; logger?: Logger } = {},
) {
  const publicUrl = options.publicUrl ?? 'http://127.0.0.1:8787';
  const mailer = createMailer({
    smtpUrl: options.smtpUrl,
    from: 'Tenpoint <no-reply@tenpoint.test>',
    db,
    logger: options.logger,
    ...(options.smtpTimeouts ? { smtpTimeouts: options.smtpTimeouts } : {}),
  });
  const auth = createAuth({ db, publicUrl, secret: 'a-test-secret-that-is-long-enough-to-sign', mailer });
  return { auth, mailer, publicUrl };
}

/** The app on a fresh embedded Postgres, or on DATABASE_URL when it is set (as CI does). */
export async function startTestApp(
  options: {
    now?: () => Date;
    rateLimits?: RateLimits;
    rateLimitClock?: () => number;
    allowPrivateWebhooks?: boolean;
    webhookTimeoutMs?: number;
    logger?: Logger;
    lookupTtlMs?: number;
    consoleFolder?: string;
    /** Email through this SMTP server (a test's own); kept in the outbox when left out. */
    smtpUrl?: string;
    smtpTimeouts?: SmtpTimeouts;
    publicUrl?: string;
    eligibilityLimits?: Partial<EligibilityLimits>;
    /** Serves /metrics for the Bearer token `testMetricsToken`. */
    metrics?: boolean;
  } = {},
) {
  const database = await openTestDatabase();
  const team = teamDeps(database.db, options);
  const app = createApp({
    db: database.db,
    now: options.now ?? (() => new Date()),
    ...team,
    widget: { loader: '/* loader */', ui: '/* ui */', wootric: '/* wootric */' },
    // Tests send far more than a user would from one address; the limits have their own test.
    rateLimits: options.rateLimits ?? {
      perAddress: 100_000,
      perSite: 100_000,
      trustProxy: false,
      failedAuthPerMinute: 100_000,
      emailsPerAddress: 100_000,
    },
    ...(options.rateLimitClock ? { rateLimitClock: options.rateLimitClock } : {}),
    // Tests change sites and surveys in the database directly and expect the next call to see it.
    lookupTtlMs: options.lookupTtlMs ?? 0,
    allowPrivateWebhooks: options.allowPrivateWebhooks ?? false,
    ...(options.webhookTimeoutMs ? { webhookTimeoutMs: options.webhookTimeoutMs } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    consoleFolder: options.consoleFolder,
    // Tests send bursts no user base would (150 calls at once): shedding has its own test.
    eligibilityLimits: options.eligibilityLimits ?? { maxWaitMs: 60_000 },
    ...(options.metrics ? { metrics: createMetrics(database.db, () => ({ busy: 0, max: 1 })), metricsToken: testMetricsToken } : {}),
  });
  return { app, db: database.db, auth: team.auth, publicUrl: team.publicUrl, close: () => database.close() };
}

export const testMetricsToken = 'a-metrics-token-for-tests';

/** A counter's value as GET /metrics serves it (0 when it has not counted yet). */
export async function metricValue(testApp: TestApp, name: string, labels: string): Promise<number> {
  const text = await (await testApp.app.request('/metrics', { headers: { Authorization: `Bearer ${testMetricsToken}` } })).text();
  const line = text.split('\n').find((entry) => entry.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** The app over real HTTP on a free port of 127.0.0.1, for what an in-process request skips. */
export async function serveOverHttp(testApp: TestApp) {
  const server = serve({ fetch: testApp.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** A logger whose JSON lines a test can read. */
export function capturedLogger(level: 'info' | 'warn' | 'error' = 'info') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger(level, stream), lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

/** The app on the Postgres server at `databaseUrl`, e.g. through a proxy that a test takes away. */
export async function startTestAppOn(databaseUrl: string): Promise<TestApp> {
  const database = await openDatabase({ databaseUrl, dataDir: null });
  await database.migrate();
  const team = teamDeps(database.db);
  const app = createApp({
    db: database.db,
    now: () => new Date(),
    ...team,
    widget: null,
    rateLimits: { perAddress: 100_000, perSite: 100_000, trustProxy: false, failedAuthPerMinute: 100_000, emailsPerAddress: 100_000 },
    lookupTtlMs: 0,
  });
  return { app, db: database.db, auth: team.auth, publicUrl: team.publicUrl, close: () => database.close() };
}

/** A site of the test's own, so that no test relies on another's rows. */
export function newTestSite(testApp: TestApp, origins = [testOrigin]) {
  return createSite(testApp.db, { name: `Site ${randomUUID().slice(0, 8)}`, origins });
}

export function postJson(testApp: TestApp, path: string, body: unknown, headers: Record<string, string> = {}) {
  return testApp.app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain', Origin: testOrigin, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function getWithKey(testApp: TestApp, path: string, secretKey: string) {
  return testApp.app.request(path, { headers: { Authorization: `Bearer ${secretKey}` } });
}

/** A vendor call with a secret key and a JSON body (a string is sent as it is). */
export function sendWithKey(testApp: TestApp, method: string, path: string, secretKey: string, body?: unknown) {
  return testApp.app.request(path, {
    method,
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

/** Asserts the status and the one error shape, and returns the message. */
export async function expectError(response: Response, status: number, code: ErrorCode): Promise<string> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  const body = errorBodySchema.parse(JSON.parse(text));
  expect(body.error.code, text).toBe(code);
  return body.error.message;
}

export async function expectStatus(response: Response, status: number): Promise<unknown> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return text ? JSON.parse(text) : undefined;
}

export const aUser = (userId = `u_${randomUUID().slice(0, 8)}`) => ({ userId });
