import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, getWithKey, newTestSite, postJson, startTestApp, type TestApp } from '../../test/test-app.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

/** Every string in an answer that reads as a date with a time of day. */
function timestampsIn(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d/.test(value) ? [[path, value]] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => timestampsIn(item, `${path}[${index}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => timestampsIn(item, `${path}.${key}`));
  return [];
}

describe('timestamps in answers', () => {
  it('are ISO 8601 in UTC with milliseconds and Z, in every vendor answer', async () => {
    const site = await newTestSite(testApp);
    const create = await testApp.app.request('/v1/webhooks', {
      method: 'POST',
      headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: 'https://1.0.0.1/hook', events: ['response.created'] }),
    });
    const { id } = (await expectStatus(create, 201)) as { id: string };
    // After subscribing: the export then lists the deliveries, with the answer's own times.
    const user = { userId: 'u_time', createdAt: '2025-01-31T10:00:00+02:00', account: { id: 'acme' } };
    await expectStatus(await postJson(testApp, '/v1/eligibility', { siteKey: site.siteKey, user }), 200);
    await expectStatus(
      await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id: randomUUID(), user, score: 8, comment: 'ok' }),
      201,
    );
    await expectStatus(await postJson(testApp, '/v1/declines', { siteKey: site.siteKey, user: { userId: 'u_other' } }), 202);
    const paths = [
      '/v1/responses',
      '/v1/accounts',
      '/v1/scores?interval=day',
      '/v1/surveys',
      '/v1/users/u_time',
      '/v1/webhooks',
      `/v1/webhooks/${id}/deliveries`,
    ];
    const found: string[] = [];
    for (const path of paths) {
      for (const [where, stamp] of timestampsIn(await expectStatus(await getWithKey(testApp, path, site.secretKey), 200))) {
        found.push(where);
        expect(stamp, `${path} ${where}`).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      }
    }
    expect(found.length).toBeGreaterThan(8);
  });
});
