import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webhookSchema } from '@tenpoint/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUser, expectStatus, newTestSite, postJson, startTestApp, type TestApp } from '../../test/test-app.ts';
import { verifySignature } from '../webhooks/signature.ts';
import { createWorkers } from './create-workers.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({ allowPrivateWebhooks: true });
});
afterAll(() => testApp.close());

/** A receiver on 127.0.0.1 that answers with the statuses it is given, then 200. */
async function receiver(statuses: number[]) {
  const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.statusCode = statuses.shift() ?? 200;
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('workers on a test clock', () => {
  it('retry a failed webhook delivery once its backoff has passed on the clock, and not before', async () => {
    const site = await newTestSite(testApp);
    const hook = await receiver([500]);
    const call = (method: string, path: string, body?: unknown) =>
      testApp.app.request(path, {
        method,
        headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const webhook = webhookSchema.parse(
      await expectStatus(await call('POST', '/v1/webhooks', { url: hook.url, events: ['response.created'] }), 201),
    );
    await expectStatus(await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id: randomUUID(), user: aUser(), score: 9 }), 201);
    const deliveries = async () =>
      ((await expectStatus(await call('GET', `/v1/webhooks/${webhook.id}/deliveries`), 200)) as { data: Array<Record<string, unknown>> })
        .data;

    // A second ahead of the database, which stamped the delivery due when it was recorded.
    let clock = Date.now() + 1000;
    const workers = createWorkers({
      db: testApp.db,
      now: () => new Date(clock),
      allowPrivateWebhooks: true,
      webhookDelivery: { pollMs: 20 },
    });
    workers.start();
    try {
      await expect.poll(() => hook.received.length).toBe(1);
      await expect.poll(async () => (await deliveries())[0]).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500 });
      // The first retry waits 30 s, give or take 20%, on the clock the workers were given.
      const retryAt = Date.parse(String((await deliveries())[0]!.nextAttemptAt));
      expect(retryAt - clock).toBeGreaterThanOrEqual(24_000);
      expect(retryAt - clock).toBeLessThanOrEqual(36_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(hook.received).toHaveLength(1);

      clock = retryAt;
      await expect.poll(async () => (await deliveries())[0]).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 200 });
      expect(hook.received).toHaveLength(2);
      // Signed at the workers' time: a receiver checks it against its own clock.
      const { headers, body } = hook.received[1]!;
      expect(String(headers['tenpoint-signature'])).toMatch(new RegExp(`^t=${Math.floor(clock / 1000)},`));
      expect(verifySignature(webhook.secret!, body, String(headers['tenpoint-signature']), new Date(clock))).toBe(true);
    } finally {
      await workers.stop();
      await hook.close();
    }
  });
});
