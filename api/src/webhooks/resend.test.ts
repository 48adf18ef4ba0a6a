import { randomUUID } from 'node:crypto';
import { type WebhookAnswer, webhookDeliveryListSchema, webhookDeliverySchema, webhookSchema } from '@tenpoint/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { aUser, expectError, expectStatus, newTestSite, postJson, sendWithKey, startTestApp, type TestApp } from '../../test/test-app.ts';
import { answeringWith, webhookReceivers } from '../../test/webhook-receivers.ts';
import { auditEvents } from '../db/schema/index.ts';
import { createLogger } from '../observability/logger.ts';
import { type DeliveryOptions, startDeliveryWorker } from './delivery-worker.ts';
import { verifySignature } from './signature.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({ allowPrivateWebhooks: true });
});
afterAll(() => testApp.close());

const receivers = webhookReceivers();
const workers: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  await receivers.closeAll();
});

type Site = Awaited<ReturnType<typeof newTestSite>>;
const call = (method: string, path: string, secretKey: string, body?: unknown) => sendWithKey(testApp, method, path, secretKey, body);

async function subscribe(site: Site, url: string): Promise<WebhookAnswer> {
  return webhookSchema.parse(
    await expectStatus(await call('POST', '/v1/webhooks', site.secretKey, { url, events: ['response.created'] }), 201),
  );
}

// A retry a minute away: only a resend can deliver within a test.
function worker(options: Partial<DeliveryOptions> = {}) {
  const deps = { db: testApp.db, now: () => new Date(), logger: createLogger('silent') };
  const started = startDeliveryWorker(deps, { allowPrivateAddresses: true, pollMs: 20, retryBaseMs: 60_000, ...options });
  workers.push(started);
  return started;
}

/** Sends what is due once, with no worker left polling after: the test decides when sends happen. */
async function sendDue(options: Partial<DeliveryOptions> = {}) {
  const once = worker({ pollMs: 60_000, ...options });
  await once.runOnce();
  await once.stop();
}

const answer = async (site: Site) => {
  const body = { siteKey: site.siteKey, id: randomUUID(), user: aUser(), score: 4 };
  await expectStatus(await postJson(testApp, '/v1/responses', body), 201);
};

const log = async (site: Site, webhook: WebhookAnswer) =>
  webhookDeliveryListSchema.parse(await expectStatus(await call('GET', `/v1/webhooks/${webhook.id}/deliveries`, site.secretKey), 200)).data;

const retry = (site: Site, webhookId: string, deliveryId: string) =>
  call('POST', `/v1/webhooks/${webhookId}/deliveries/${deliveryId}/retry`, site.secretKey);

const until = async (check: () => boolean | Promise<boolean>, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** A site whose one delivery has failed once against a receiver answering 500, then 200. */
async function failedOnce() {
  const site = await newTestSite(testApp);
  const hook = await receivers.receiver(answeringWith([500]));
  const webhook = await subscribe(site, hook.url);
  await answer(site);
  await sendDue();
  const [failed] = await log(site, webhook);
  expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500, lastError: 'answered 500', resentAt: null });
  return { site, hook, webhook, failed: failed! };
}

describe('sending a delivery again', () => {
  it('sends a failed delivery now, signed, through the worker; the log says when it was resent', async () => {
    const { site, hook, webhook, failed } = await failedOnce();
    const resent = webhookDeliverySchema.parse(await expectStatus(await retry(site, webhook.id, failed.id), 202));
    expect(resent).toMatchObject({ id: failed.id, status: 'pending', attempts: 1 });
    expect(Date.now() - Date.parse(resent.resentAt!)).toBeLessThan(5000);
    expect(Date.parse(resent.nextAttemptAt!)).toBeLessThanOrEqual(Date.now());
    worker();
    await until(async () => (await log(site, webhook))[0]!.status === 'delivered');
    expect(hook.arrivals).toHaveLength(2);
    const { headers, body } = hook.arrivals[1]!;
    expect(headers['tenpoint-delivery']).toBe(failed.id);
    expect(verifySignature(webhook.secret!, body, String(headers['tenpoint-signature']), new Date())).toBe(true);
    expect(JSON.parse(body)).toMatchObject({ id: failed.id, type: 'response.created' });
    const [delivered] = await log(site, webhook);
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 2, lastError: null, resentAt: resent.resentAt });
    // Delivered: nothing to send again.
    const message = await expectError(await retry(site, webhook.id, failed.id), 409, 'conflict');
    expect(message).toMatch(/delivered/);
    const [audit] = await testApp.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.siteId, site.siteId), eq(auditEvents.action, 'webhook.delivery_resent')));
    expect(audit).toMatchObject({ target: webhook.url, after: { deliveryId: failed.id, event: 'response.created' } });
  });

  it('refuses one already queued: never tried, or just resent', async () => {
    const { site, webhook, failed } = await failedOnce();
    await expectStatus(await retry(site, webhook.id, failed.id), 202);
    expect(await expectError(await retry(site, webhook.id, failed.id), 409, 'conflict')).toMatch(/already queued/);
    await answer(site);
    const queued = (await log(site, webhook)).find((delivery) => delivery.attempts === 0)!;
    expect(await expectError(await retry(site, webhook.id, queued.id), 409, 'conflict')).toMatch(/already queued/);
  });

  it('queues it once when asked twice at the same moment', async () => {
    const { site, webhook, failed } = await failedOnce();
    const statuses = (await Promise.all([retry(site, webhook.id, failed.id), retry(site, webhook.id, failed.id)])).map((r) => r.status);
    expect(statuses.sort()).toEqual([202, 409]);
    const resends = await testApp.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.siteId, site.siteId), eq(auditEvents.action, 'webhook.delivery_resent')));
    expect(resends).toHaveLength(1);
  });

  it('sends a given-up delivery again once its paused subscription is resumed', async () => {
    const site = await newTestSite(testApp);
    const hook = await receivers.receiver(answeringWith([500]));
    const webhook = await subscribe(site, hook.url);
    await answer(site);
    await sendDue({ giveUpAfterMs: 0 });
    const [failed] = await log(site, webhook);
    expect(failed).toMatchObject({ status: 'failed', lastStatus: 500 });
    expect(await expectError(await retry(site, webhook.id, failed!.id), 409, 'conflict')).toMatch(/paused/);
    await expectStatus(await call('PATCH', `/v1/webhooks/${webhook.id}`, site.secretKey, { paused: false }), 200);
    await expectStatus(await retry(site, webhook.id, failed!.id), 202);
    await sendDue();
    expect((await log(site, webhook))[0]).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(hook.arrivals).toHaveLength(2);
  });

  it('finds neither another site’s delivery nor an unknown one', async () => {
    const { site, webhook, failed } = await failedOnce();
    const other = await newTestSite(testApp);
    const othersWebhook = await subscribe(other, (await receivers.receiver()).url);
    await expectError(await retry(other, webhook.id, failed.id), 404, 'not_found');
    await expectError(await retry(other, othersWebhook.id, failed.id), 404, 'not_found');
    await expectError(await retry(site, webhook.id, randomUUID()), 404, 'not_found');
    expect(await expectError(await retry(site, webhook.id, 'not-a-uuid'), 404, 'not_found')).toMatch(/deliveryId/);
    // Still failed and untouched by those calls.
    expect((await log(site, webhook))[0]).toMatchObject({ status: 'pending', resentAt: null });
  });
});
