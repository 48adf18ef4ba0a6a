import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { type WebhookAnswer, webhookSchema } from '@tenpoint/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { aUser, expectError, expectStatus, newTestSite, postJson, sendWithKey, startTestApp, type TestApp } from '../../test/test-app.ts';
import { webhookReceivers } from '../../test/webhook-receivers.ts';
import { createLogger } from '../observability/logger.ts';
import { type DeliveryOptions, retryAfterMs, startDeliveryWorker } from './delivery-worker.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({ allowPrivateWebhooks: true, webhookTimeoutMs: 1500 });
});
afterAll(() => testApp.close());

const { receiver, closeAll } = webhookReceivers();

/** Answers 200 and then one byte every 200 ms, never ending: an idle timeout never fires. */
const drip = (response: ServerResponse) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  const timer = setInterval(() => response.write('.'), 200);
  response.on('close', () => clearInterval(timer));
  drips.push(response);
};
const drips: ServerResponse[] = [];
const workers: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  // Receivers go first, connections and all: a send in flight then fails at once, and a worker's
  // stop never waits out a send's deadline.
  for (const response of drips.splice(0)) response.destroy();
  const closed = closeAll();
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  await closed;
});

const call = (method: string, path: string, secretKey: string, body?: unknown) => sendWithKey(testApp, method, path, secretKey, body);

async function subscribe(site: Awaited<ReturnType<typeof newTestSite>>, body: Record<string, unknown>): Promise<WebhookAnswer> {
  return webhookSchema.parse(
    await expectStatus(await call('POST', '/v1/webhooks', site.secretKey, { events: ['response.created'], ...body }), 201),
  );
}

function worker(options: Partial<DeliveryOptions> = {}) {
  const deps = { db: testApp.db, now: () => new Date(), logger: createLogger('silent') };
  const started = startDeliveryWorker(deps, { allowPrivateAddresses: true, pollMs: 20, retryBaseMs: 40, ...options });
  workers.push(started);
  return started;
}

const answer = async (siteKey: string, score: number) =>
  expectStatus(await postJson(testApp, '/v1/responses', { siteKey, id: randomUUID(), user: aUser(), score }), 201);

const until = async (check: () => boolean | Promise<boolean>, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const deliveries = async (site: { secretKey: string }, webhook: WebhookAnswer) =>
  (
    (await expectStatus(await call('GET', `/v1/webhooks/${webhook.id}/deliveries`, site.secretKey), 200)) as {
      data: Array<Record<string, unknown>>;
    }
  ).data;

describe('one receiver never holds back another', () => {
  it("delivers to other tenants while one tenant's receiver trickles its answer", async () => {
    const [slowSite, site] = [await newTestSite(testApp), await newTestSite(testApp)];
    const slow = await receiver(drip);
    const fast = await receiver();
    await subscribe(slowSite, { url: slow.url });
    await subscribe(site, { url: fast.url });
    for (let i = 0; i < 12; i++) await answer(slowSite.siteKey, 3);
    await answer(site.siteKey, 9);
    worker({ sendTimeoutMs: 60_000 });
    await until(() => fast.arrivals.length === 1, 4000);
    // One send at a time per subscription: the trickling receiver holds one socket, not twelve.
    expect(slow.connections()).toBe(1);
  });

  it('gives each send a total deadline, however steadily the receiver trickles', async () => {
    const site = await newTestSite(testApp);
    const slow = await receiver(drip);
    const webhook = await subscribe(site, { url: slow.url });
    await answer(site.siteKey, 3);
    worker({ sendTimeoutMs: 800, retryBaseMs: 60_000 });
    await until(async () => (await deliveries(site, webhook))[0]?.lastError !== null);
    expect((await deliveries(site, webhook))[0]).toMatchObject({ status: 'pending', lastError: 'no complete answer within 0.8 s' });
  });

  it('bounds test sends: a total deadline, and 429 beyond a few at once per site', async () => {
    const site = await newTestSite(testApp);
    const slow = await receiver(drip);
    const webhook = await subscribe(site, { url: slow.url });
    const test = () => call('POST', `/v1/webhooks/${webhook.id}/test`, site.secretKey);
    const held = Array.from({ length: 5 }, test);
    await until(() => slow.arrivals.length === 5);
    const refused = await test();
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(await expectError(refused, 429, 'rate_limited')).toMatch(/test sends/);
    for (const response of await Promise.all(held)) {
      expect(await expectStatus(response, 200)).toEqual({ delivered: false, status: 200, error: 'no complete answer within 1.5 s' });
    }
    expect(slow.connections()).toBe(5);
  });
});

describe('pacing', () => {
  it('sends to a Slack subscription at most one message a second', async () => {
    const site = await newTestSite(testApp);
    const hook = await receiver();
    await subscribe(site, { url: hook.url, format: 'slack' });
    for (let i = 0; i < 3; i++) await answer(site.siteKey, i);
    worker();
    await until(() => hook.arrivals.length === 3, 8000);
    const gaps = hook.arrivals.slice(1).map((arrival, i) => arrival.at - hook.arrivals[i]!.at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(950);
  });

  it("waits as long as a receiver's 429 asks, without counting it toward pausing", async () => {
    const site = await newTestSite(testApp);
    const hook = await receiver((response, index) => {
      if (index === 0) response.writeHead(429, { 'Retry-After': '1' });
      response.end();
    });
    const webhook = await subscribe(site, { url: hook.url });
    await answer(site.siteKey, 7);
    // A give-up time shorter than the wait: a 429 must not fail the delivery nor pause the subscription.
    worker({ giveUpAfterMs: 100 });
    await until(() => hook.arrivals.length === 2);
    expect(hook.arrivals[1]!.at - hook.arrivals[0]!.at).toBeGreaterThanOrEqual(950);
    await until(async () => (await deliveries(site, webhook))[0]?.status === 'delivered');
    expect((await deliveries(site, webhook))[0]).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 200 });
    expect(webhookSchema.parse(await expectStatus(await call('GET', `/v1/webhooks/${webhook.id}`, site.secretKey), 200)).paused).toBe(
      false,
    );
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs(undefined, now)).toBe(60_000);
    expect(retryAfterMs('soon', now)).toBe(60_000);
    expect(retryAfterMs('999999', now)).toBe(3_600_000);
  });
});
