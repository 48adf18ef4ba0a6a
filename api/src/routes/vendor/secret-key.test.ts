import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus, getWithKey, newTestSite, startTestApp, type TestApp } from '../../../test/test-app.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

describe('POST /v1/secret-key/rotate', () => {
  it('gives a new secret key; the old one stops working at once', async () => {
    const site = await newTestSite(testApp);
    const rotate = (key: string) =>
      testApp.app.request('/v1/secret-key/rotate', { method: 'POST', headers: { Authorization: `Bearer ${key}` } });
    const { secretKey } = (await expectStatus(await rotate(site.secretKey), 200)) as { secretKey: string };
    expect(secretKey).toMatch(/^sk_[A-Za-z0-9]{40}$/);
    await expectError(await getWithKey(testApp, '/v1/scores', site.secretKey), 401, 'unauthorized');
    await expectStatus(await getWithKey(testApp, '/v1/scores', secretKey), 200);
    await expectError(await rotate(site.secretKey), 401, 'unauthorized');
  });
});
