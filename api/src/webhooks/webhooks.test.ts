import { randomUUID } from 'node:crypto';
import { type WebhookAnswer, webhookSchema } from '@tenpoint/shared';
import { bandOf, categoryName, scales, surveyTypes } from '@tenpoint/shared/scores';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { aUser, expectError, expectStatus, newTestSite, postJson, sendWithKey, startTestApp, type TestApp } from '../../test/test-app.ts';
import { answeringWith, webhookReceivers } from '../../test/webhook-receivers.ts';
import { webhookDeliveries, webhooks } from '../db/schema/index.ts';
import { createLogger } from '../observability/logger.ts';
import { type DeliveryOptions, startDeliveryWorker } from './delivery-worker.ts';
import { isPrivateAddress } from './private-addresses.ts';
import { verifySignature } from './signature.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({ allowPrivateWebhooks: true });
});
afterAll(() => testApp.close());

const receivers = webhookReceivers();
/** A receiver that answers with the statuses it is given, then 200. */
const receiver = (statuses: number[] = []) => receivers.receiver(answeringWith(statuses));
const workers: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  await receivers.closeAll();
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

const answer = async (siteKey: string, score: number, extra: Record<string, unknown> = {}) => {
  const body = { siteKey, id: randomUUID(), user: { ...aUser(), account: { id: 'acme' } }, score, ...extra };
  await expectStatus(await postJson(testApp, '/v1/responses', body), 201);
  return body;
};

const until = async (check: () => boolean | Promise<boolean>, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('webhooks', () => {
  it('signs every delivery, with an id, for a new response and for its comment', async () => {
    const site = await newTestSite(testApp);
    const hook = await receiver();
    const webhook = await subscribe(site, { url: hook.url, events: ['response.created', 'response.updated'] });
    expect(webhook.secret).toMatch(/^whsec_/);
    const sent = await answer(site.siteKey, 3);
    await expectStatus(await postJson(testApp, '/v1/responses', { ...sent, comment: 'Too <b>slow</b>' }), 200);
    worker();
    await until(() => hook.arrivals.length === 2);
    const events = hook.arrivals.map(({ headers, body }) => {
      expect(verifySignature(webhook.secret!, body, String(headers['tenpoint-signature']), new Date())).toBe(true);
      expect(verifySignature('whsec_other', body, String(headers['tenpoint-signature']), new Date())).toBe(false);
      const event = JSON.parse(body);
      expect(headers['tenpoint-delivery']).toBe(event.id);
      return event;
    });
    // Deliveries go out side by side: their order is not promised, each carries the whole response.
    // One timestamp format throughout: ISO 8601 in UTC with milliseconds, as the API answers.
    const stamps = hook.arrivals.flatMap(({ body }) =>
      [...body.matchAll(/"(\w*At)":"([^"]*)"/g)].map((match) => `${match[1]}=${match[2]}`),
    );
    expect(stamps.length).toBeGreaterThanOrEqual(6);
    for (const stamp of stamps) expect(stamp).toMatch(/=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    events.sort((a, b) => a.type.localeCompare(b.type));
    expect(events.map((event) => event.type)).toEqual(['response.created', 'response.updated']);
    expect(events[1].data).toMatchObject({
      response: { id: sent.id, score: 3, category: 'detractor', comment: 'Too <b>slow</b>' },
      account: { id: 'acme' },
      survey: { type: 'nps' },
    });
  });

  it('names the category of every score of every survey type as the API answer does', async () => {
    const site = await newTestSite(testApp);
    const webhook = await subscribe(site, { url: (await receiver()).url });
    for (const type of surveyTypes) {
      const surveyId =
        type === 'nps'
          ? site.surveyId
          : (
              (await expectStatus(await call('POST', '/v1/surveys', site.secretKey, { type, name: type, productName: 'Acme' }), 201)) as {
                id: string;
              }
            ).id;
      for (let score = scales[type].min; score <= scales[type].max; score++) {
        const id = randomUUID();
        const answered = (await expectStatus(
          await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, surveyId, id, user: aUser(), score }),
          201,
        )) as { category: string };
        const [delivery] = await testApp.db
          .select()
          .from(webhookDeliveries)
          .where(and(eq(webhookDeliveries.siteId, site.siteId), sql`${webhookDeliveries.payload} -> 'response' ->> 'id' = ${id}`));
        const category = categoryName(type, bandOf(type, score));
        expect(
          [answered.category, (delivery!.payload as { response: { category: string } }).response.category],
          `${type} ${score}`,
        ).toEqual([category, category]);
      }
    }
    // Its deliveries go with it, unsent: the other tests' workers take every pending one.
    await expectStatus(await call('DELETE', `/v1/webhooks/${webhook.id}`, site.secretKey), 204);
  });

  it('retries a receiver that fails twice, then delivers exactly once more', async () => {
    const site = await newTestSite(testApp);
    const hook = await receiver([500, 503]);
    const webhook = await subscribe(site, { url: hook.url });
    await answer(site.siteKey, 9);
    worker();
    await until(() => hook.arrivals.length === 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hook.arrivals).toHaveLength(3);
    expect(new Set(hook.arrivals.map(({ headers }) => headers['tenpoint-delivery'])).size).toBe(1);
    const log = (await expectStatus(await call('GET', `/v1/webhooks/${webhook.id}/deliveries`, site.secretKey), 200)) as {
      data: Array<Record<string, unknown>>;
    };
    expect(log.data).toMatchObject([{ status: 'delivered', attempts: 3, lastStatus: 200, lastError: null }]);
  });

  it('sends nothing for a promoter to a subscription for detractors', async () => {
    const site = await newTestSite(testApp);
    const hook = await receiver();
    await subscribe(site, { url: hook.url, filter: { categories: ['detractor'] } });
    await answer(site.siteKey, 10);
    await answer(site.siteKey, 2);
    await worker().runOnce();
    await until(() => hook.arrivals.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hook.arrivals.map(({ body }) => JSON.parse(body).data.response.score)).toEqual([2]);
  });

  it('sends for a survey filter however its id is written, and refuses one that names no survey of the site', async () => {
    const site = await newTestSite(testApp);
    const other = await newTestSite(testApp);
    const hook = await receiver();
    const subscribed = await subscribe(site, { url: hook.url, filter: { surveyId: site.surveyId.toUpperCase() } });
    expect(subscribed.filter.surveyId).toBe(site.surveyId);
    await answer(site.siteKey, 3);
    await worker().runOnce();
    await until(() => hook.arrivals.length === 1);
    // As an earlier version stored it, in capitals.
    await testApp.db
      .update(webhooks)
      .set({ filter: { surveyId: site.surveyId.toUpperCase() } })
      .where(eq(webhooks.id, subscribed.id));
    await answer(site.siteKey, 4);
    await worker().runOnce();
    await until(() => hook.arrivals.length === 2);

    for (const surveyId of [other.surveyId, randomUUID()]) {
      const body = { url: hook.url, events: ['response.created'], filter: { surveyId } };
      const message = await expectError(await call('POST', '/v1/webhooks', site.secretKey, body), 400, 'invalid_request');
      expect(message).toBe(`filter.surveyId: no survey ${surveyId} on this site`);
      const patched = await call('PATCH', `/v1/webhooks/${subscribed.id}`, site.secretKey, { filter: { surveyId } });
      expect(await expectError(patched, 400, 'invalid_request')).toBe(`filter.surveyId: no survey ${surveyId} on this site`);
    }
  });

  it('loses no delivery when the API stops mid-send: the next process takes it up after the lease', async () => {
    const site = await newTestSite(testApp);
    const hook = await receiver();
    const webhook = await subscribe(site, { url: hook.url });
    await answer(site.siteKey, 8);
    // As a process that claimed the delivery and died before sending it leaves it.
    await testApp.db.execute(sql`update webhook_deliveries set attempts = 1, lease_until = now() + interval '400 milliseconds'
      where site_id = ${site.siteId} and webhook_id = ${webhook.id}`);
    const restarted = worker();
    expect(await restarted.runOnce()).toBe(0);
    const stored = async () =>
      (
        await testApp.db
          .select()
          .from(webhookDeliveries)
          .where(and(eq(webhookDeliveries.siteId, site.siteId), eq(webhookDeliveries.webhookId, webhook.id)))
      )[0]!;
    await until(async () => (await stored()).status === 'delivered');
    expect(hook.arrivals).toHaveLength(1);
    expect((await stored()).attempts).toBe(2);
  });

  it('sends each delivery from one of several processes only', async () => {
    const site = await newTestSite(testApp);
    const hook = await receiver();
    await subscribe(site, { url: hook.url });
    for (let i = 0; i < 30; i++) await answer(site.siteKey, i % 11);
    const [first, second, third] = [worker({ pollMs: 5 }), worker({ pollMs: 5 }), worker({ pollMs: 5 })];
    await Promise.all([first.runOnce(), second.runOnce(), third.runOnce()]);
    await until(() => hook.arrivals.length >= 30);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ids = hook.arrivals.map(({ headers }) => headers['tenpoint-delivery']);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });

  it('fails a delivery that keeps failing, pauses the subscription and says why; resuming sends again', async () => {
    const site = await newTestSite(testApp);
    const hook = await receiver(Array.from({ length: 100 }, () => 500));
    const webhook = await subscribe(site, { url: hook.url });
    await answer(site.siteKey, 5);
    // Long enough for a first try and a retry even on a loaded machine; far shorter than a day.
    worker({ giveUpAfterMs: 1500 });
    const read = async () => webhookSchema.parse(await expectStatus(await call('GET', `/v1/webhooks/${webhook.id}`, site.secretKey), 200));
    await until(async () => (await read()).paused);
    expect((await read()).pausedReason).toMatch(/^paused: deliveries kept failing .*answered 500$/);
    const log = (await expectStatus(await call('GET', `/v1/webhooks/${webhook.id}/deliveries`, site.secretKey), 200)) as {
      data: Array<Record<string, unknown>>;
    };
    expect(log.data[0]).toMatchObject({ status: 'failed', lastStatus: 500, lastError: 'answered 500' });
    expect(log.data[0]!.attempts).toBeGreaterThan(1);
    // While paused, new responses wait; resumed, they go out.
    await answer(site.siteKey, 6);
    hook.arrivals.length = 0;
    await expectStatus(
      await call('PATCH', `/v1/webhooks/${webhook.id}`, site.secretKey, { paused: false, url: (await receiver()).url }),
      200,
    );
    await until(
      async () =>
        (
          (await expectStatus(await call('GET', `/v1/webhooks/${webhook.id}/deliveries`, site.secretKey), 200)) as {
            data: Array<{ status: string }>;
          }
        ).data[0]!.status === 'delivered',
    );
  });

  it('posts Slack-ready messages, with the comment escaped, and answers a test', async () => {
    const site = await newTestSite(testApp);
    const hook = await receiver();
    const webhook = await subscribe(site, { url: hook.url, format: 'slack', events: ['response.created', 'decline.created'] });
    await answer(site.siteKey, 2, { comment: 'Slow <@channel> & buggy' });
    await expectStatus(await postJson(testApp, '/v1/declines', { siteKey: site.siteKey, user: { userId: 'u_closer' } }), 202);
    worker();
    await until(() => hook.arrivals.length === 2);
    const texts = hook.arrivals.map(({ body }) => (JSON.parse(body) as { text: string }).text).sort();
    expect(texts[0]).toContain('*2/10* detractor from');
    expect(texts[0]).toContain('> Slow &lt;@channel&gt; &amp; buggy');
    expect(texts[1]).toBe('u_closer closed the NPS survey without answering.');
    const tested = await expectStatus(await call('POST', `/v1/webhooks/${webhook.id}/test`, site.secretKey), 200);
    expect(tested).toEqual({ delivered: true, status: 200, error: null });
    expect(hook.arrivals.at(-1)!.headers['tenpoint-event']).toBe('webhook.test');
  });

  it('refuses receivers at private or loopback addresses unless the operator allows them', async () => {
    const strict = await startTestApp({ allowPrivateWebhooks: false });
    try {
      const site = await newTestSite(strict);
      const tunnelled = [
        'http://[64:ff9b::7f00:1]/x',
        'http://[2002:7f00:1::]/x',
        'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/x',
        'http://[fec0::1]/x',
        'http://[100::1]/x',
        'http://[::127.0.0.1]/x',
        'http://[::ffff:10.0.0.1]/x',
      ];
      for (const url of [
        'http://127.0.0.1:9/x',
        'http://localhost:9/x',
        'http://10.1.2.3/x',
        'http://169.254.169.254/latest',
        'http://[::1]/x',
        'http://192.168.0.10/x',
        ...tunnelled,
      ]) {
        const response = await strict.app.request('/v1/webhooks', {
          method: 'POST',
          headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ url, events: ['response.created'] }),
        });
        expect(await expectError(response, 400, 'invalid_request'), url).toMatch(/^url: .* is a private or loopback address/);
      }
      // Ordinary public addresses of both families still pass.
      for (const address of ['8.8.8.8', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e'])
        expect(isPrivateAddress(address), address).toBe(false);
    } finally {
      await strict.close();
    }
    const site = await newTestSite(testApp);
    expect(
      await expectError(
        await call('POST', '/v1/webhooks', site.secretKey, { url: 'ftp://example.com', events: ['response.created'] }),
        400,
        'invalid_request',
      ),
    ).toBe('url: must be an http or https URL');
    expect(
      await expectError(
        await call('POST', '/v1/webhooks', site.secretKey, { url: 'https://example.com', events: ['response.deleted'] }),
        400,
        'invalid_request',
      ),
    ).toMatch(/^events\.0: must be one of response\.created/);
  });
});
