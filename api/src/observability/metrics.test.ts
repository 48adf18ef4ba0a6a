import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamDeps } from '../../test/test-app.ts';
import { createApp } from '../app.ts';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import { createSite } from '../sites/create-site.ts';
import { createMetrics } from './metrics.ts';

const token = 'a-metrics-token-of-some-length';
let database: DatabaseHandle;
beforeAll(async () => {
  database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: null });
  await database.migrate();
});
afterAll(() => database.close());

const appWith = (metrics: boolean) =>
  createApp({
    ...teamDeps(database.db),
    db: database.db,
    now: () => new Date(),
    widget: null,
    lookupTtlMs: 0,
    allowPrivateWebhooks: true,
    ...(metrics ? { metrics: createMetrics(database.db, database.connections), metricsToken: token } : {}),
  });

function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('GET /metrics', () => {
  it('is not served unless a token is configured, and then only to its holder', async () => {
    expect((await appWith(false).request('/metrics')).status).toBe(404);
    const app = appWith(true);
    expect((await app.request('/metrics')).status).toBe(401);
    expect((await app.request('/metrics', { headers: { Authorization: 'Bearer not-the-token' } })).status).toBe(401);
    const served = await app.request('/metrics', { headers: { Authorization: `Bearer ${token}` } });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('counts requests by route pattern and status with their latency, and shows the pool, the fold and the outbox', async () => {
    const app = appWith(true);
    const site = await createSite(database.db, { name: 'Measured', origins: ['https://app.example.test'] });
    const vendor = { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' };
    const hook = await app.request('/v1/webhooks', {
      method: 'POST',
      headers: vendor,
      body: JSON.stringify({ url: 'http://127.0.0.1:9/hook', events: ['response.created'] }),
    });
    expect(hook.status, await hook.text()).toBe(201);
    const answered = await app.request('/v1/responses', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: 'https://app.example.test' },
      body: JSON.stringify({ siteKey: site.siteKey, id: randomUUID(), user: { userId: 'u_measured' }, score: 8 }),
    });
    expect(answered.status).toBe(201);
    for (const userId of ['u_one', 'u_two']) expect((await app.request(`/v1/users/${userId}`, { headers: vendor })).status).toBe(404);

    const text = await (await app.request('/metrics', { headers: { Authorization: `Bearer ${token}` } })).text();
    expect(sample(text, 'tenpoint_http_requests_total', 'method="GET",route="/v1/users/:userId",status="404"')).toBe(2);
    expect(sample(text, 'tenpoint_http_requests_total', 'method="POST",route="/v1/responses",status="201"')).toBe(1);
    expect(sample(text, 'tenpoint_http_request_duration_seconds_count', 'method="GET",route="/v1/users/:userId",status="404"')).toBe(2);
    expect(
      sample(text, 'tenpoint_http_request_duration_seconds_bucket', 'le="+Inf",method="GET",route="/v1/users/:userId",status="404"'),
    ).toBe(2);
    expect(text).not.toContain('u_one');

    expect(sample(text, 'tenpoint_db_connections_max')).toBe(database.kind === 'embedded' ? 1 : 10);
    expect(sample(text, 'tenpoint_db_connections_busy')).toBeGreaterThanOrEqual(0);
    // No folder or sender runs here: the answer waits in both.
    expect(sample(text, 'tenpoint_tally_changes_pending')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'tenpoint_tally_fold_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'tenpoint_webhook_deliveries_pending')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'tenpoint_webhook_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'process_cpu_seconds_total')).toBeGreaterThan(0);
  });
});
