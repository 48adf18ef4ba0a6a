import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, newTestSite, postJson, startTestApp, type TestApp } from '../../test/test-app.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

const marker = `only-site-a-${randomUUID()}`;

describe('vendor endpoints: one site never sees another', () => {
  it("refuses other sites' keys and no key on every endpoint, and leaks nothing of the other site", async () => {
    const [a, b] = [await newTestSite(testApp), await newTestSite(testApp)];
    const userA = { userId: `a-user-${randomUUID()}`, traits: { plan: marker }, account: { id: `${marker}-account` } };
    await expectStatus(
      await postJson(testApp, '/v1/responses', { siteKey: a.siteKey, id: randomUUID(), user: userA, score: 3, comment: marker }),
      201,
    );
    await expectStatus(
      await postJson(testApp, '/v1/responses', { siteKey: b.siteKey, id: randomUUID(), user: { userId: 'b-user' }, score: 9 }),
      201,
    );

    const call = (method: string, path: string, key: string | undefined, body?: unknown) =>
      testApp.app.request(path, {
        method,
        headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const userPath = `/v1/users/${encodeURIComponent(userA.userId)}`;
    // An address from the documentation range: public, and no DNS needed.
    const webhookA = (
      (await expectStatus(
        await call('POST', '/v1/webhooks', a.secretKey, { url: `https://1.0.0.1/${marker}`, events: ['response.created'] }),
        201,
      )) as { id: string }
    ).id;
    const endpoints: Array<[string, string, unknown?]> = [
      ['GET', '/v1/scores'],
      ['GET', `/v1/scores?surveyId=${a.surveyId}`],
      ['GET', '/v1/scores?groupBy=account&interval=day'],
      ['GET', `/v1/scores?trait.plan=${marker}`],
      ['GET', '/v1/accounts'],
      ['GET', `/v1/accounts?surveyId=${a.surveyId}`],
      ['GET', '/v1/responses'],
      ['GET', `/v1/responses?surveyId=${a.surveyId}`],
      ['GET', `/v1/responses?trait.plan=${marker}`],
      ['GET', '/v1/responses.csv'],
      ['GET', `/v1/responses.csv?surveyId=${a.surveyId}`],
      ['GET', '/v1/surveys'],
      ['GET', `/v1/surveys/${a.surveyId}`],
      ['PATCH', `/v1/surveys/${a.surveyId}`, { enabled: false, name: 'hijacked' }],
      ['GET', userPath],
      ['GET', '/v1/webhooks'],
      ['GET', `/v1/webhooks/${webhookA}`],
      ['PATCH', `/v1/webhooks/${webhookA}`, { paused: true }],
      ['POST', `/v1/webhooks/${webhookA}/test`],
      ['GET', `/v1/webhooks/${webhookA}/secret`],
      ['POST', `/v1/webhooks/${webhookA}/secret/rotate`],
      ['GET', `/v1/webhooks/${webhookA}/deliveries`],
      ['DELETE', `/v1/webhooks/${webhookA}`],
      ['DELETE', userPath],
    ];
    const aBefore = await (await call('GET', '/v1/responses.csv', a.secretKey)).text();
    for (const [method, path, body] of endpoints) {
      for (const key of [undefined, 'sk_not_a_real_key', a.siteKey]) {
        const response = await call(method, path, key, body);
        expect(response.status, `${method} ${path} with ${key ?? 'no key'}`).toBe(401);
        expect(await response.text()).not.toContain(marker);
      }
      const response = await call(method, path, b.secretKey, body);
      const text = await response.text();
      expect([200, 404], `${method} ${path} with the other site's key: ${text}`).toContain(response.status);
      expect(text, `${method} ${path}`).not.toContain(marker);
      // An error may repeat what the caller asked for, never anything else of site A.
      if (!path.includes(a.surveyId)) expect(text, `${method} ${path}`).not.toContain(a.surveyId);
      if (!path.includes(encodeURIComponent(userA.userId))) expect(text, `${method} ${path}`).not.toContain(userA.userId);
      if (!path.includes(webhookA)) expect(text, `${method} ${path}`).not.toContain(webhookA);
    }
    // Site A's data is as it was.
    expect(await (await call('GET', '/v1/responses.csv', a.secretKey)).text()).toBe(aBefore);
    const survey = (await expectStatus(await call('GET', `/v1/surveys/${a.surveyId}`, a.secretKey), 200)) as {
      enabled: boolean;
      name: string;
    };
    expect(survey).toMatchObject({ enabled: true, name: 'NPS' });
    expect(await expectStatus(await call('GET', `/v1/webhooks/${webhookA}`, a.secretKey), 200)).toMatchObject({ paused: false });
  });
});
