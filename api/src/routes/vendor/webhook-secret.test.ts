import { webhookSchema, webhookSecretSchema } from '@tenpoint/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus, newTestSite, sendWithKey, startTestApp, type TestApp } from '../../../test/test-app.ts';
import { webhookReceivers } from '../../../test/webhook-receivers.ts';
import { verifySignature } from '../../webhooks/signature.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({ allowPrivateWebhooks: true });
});
afterAll(() => testApp.close());

const call = (method: string, path: string, secretKey: string, body?: unknown) => sendWithKey(testApp, method, path, secretKey, body);

const receivers = webhookReceivers();
afterEach(() => receivers.closeAll());

describe('the signing secret', () => {
  it('is shown at creation and on explicit reveal or rotation, never in lists or reads', async () => {
    const { url, arrivals: received } = await receivers.receiver();
    const site = await newTestSite(testApp);
    const created = webhookSchema.parse(
      await expectStatus(await call('POST', '/v1/webhooks', site.secretKey, { url, events: ['response.created'] }), 201),
    );
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.secretHint).toBe(`whsec_…${created.secret!.slice(-4)}`);

    for (const [method, path, body] of [
      ['GET', '/v1/webhooks'],
      ['GET', `/v1/webhooks/${created.id}`],
      ['PATCH', `/v1/webhooks/${created.id}`, { paused: false }],
    ] as const) {
      const response = await call(method, path, site.secretKey, body);
      const text = await response.text();
      expect(response.status, text).toBe(200);
      expect(text, `${method} ${path}`).not.toContain(created.secret!);
      expect(text).toContain('"secret":null');
    }

    const revealed = webhookSecretSchema.parse(
      await expectStatus(await call('GET', `/v1/webhooks/${created.id}/secret`, site.secretKey), 200),
    );
    expect(revealed.secret).toBe(created.secret);

    const rotated = webhookSecretSchema.parse(
      await expectStatus(await call('POST', `/v1/webhooks/${created.id}/secret/rotate`, site.secretKey), 200),
    );
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    expect(
      webhookSecretSchema.parse(await expectStatus(await call('GET', `/v1/webhooks/${created.id}/secret`, site.secretKey), 200)).secret,
    ).toBe(rotated.secret);

    await expectStatus(await call('POST', `/v1/webhooks/${created.id}/test`, site.secretKey), 200);
    const signature = String(received.at(-1)!.headers['tenpoint-signature']);
    expect(verifySignature(rotated.secret, received.at(-1)!.body, signature, new Date())).toBe(true);
    expect(verifySignature(created.secret!, received.at(-1)!.body, signature, new Date())).toBe(false);

    // Another site's key reveals nothing of it.
    const other = await newTestSite(testApp);
    await expectError(await call('GET', `/v1/webhooks/${created.id}/secret`, other.secretKey), 404, 'not_found');
    await expectError(await call('POST', `/v1/webhooks/${created.id}/secret/rotate`, other.secretKey), 404, 'not_found');
  });
});
