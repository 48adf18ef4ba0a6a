import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus, newTestSite, serveOverHttp, startTestApp, type TestApp } from '../../../test/test-app.ts';

// Over real HTTP with Node's own fetch: clients resolve `.` and `..` in paths before sending, as browsers do.
let testApp: TestApp;
let served: Awaited<ReturnType<typeof serveOverHttp>>;
let origin: string;

beforeAll(async () => {
  testApp = await startTestApp();
  served = await serveOverHttp(testApp);
  origin = served.origin;
});
afterAll(async () => {
  await served.close();
  await testApp.close();
});

// Every one of these is a userId the widget accepts.
const awkwardIds = ['.', '..', '../..', 'a/b', '/', '%', '%2F', '?', '#', 'a?b#c', '\\', ' ', 'ünïcødé 🙂 日本', 'x'.repeat(200)];

describe('every user id the widget accepts can be exported and erased', () => {
  it.each(awkwardIds.map((id) => [id.length > 20 ? `${id.slice(0, 5)}… (${id.length} characters)` : JSON.stringify(id), id]))(
    'userId %s, with ?userId= and percent-encoded in the path',
    async (_label, userId) => {
      const site = await newTestSite(testApp);
      const auth = { Authorization: `Bearer ${site.secretKey}` };
      const recorded = await fetch(`${origin}/v1/eligibility`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: JSON.stringify({ siteKey: site.siteKey, user: { userId } }),
      });
      await expectStatus(recorded, 200);

      const byQuery = `${origin}/v1/users?userId=${encodeURIComponent(userId)}`;
      const exported = (await expectStatus(await fetch(byQuery, { headers: auth }), 200)) as {
        user: { userId: string };
        impressions: unknown[];
      };
      expect(exported.user.userId).toBe(userId);
      expect(exported.impressions).toHaveLength(1);

      if (!['.', '..', '../..'].includes(userId)) {
        const byPath = (await expectStatus(await fetch(`${origin}/v1/users/${encodeURIComponent(userId)}`, { headers: auth }), 200)) as {
          user: { userId: string };
        };
        expect(byPath.user.userId).toBe(userId);
      }

      expect(await expectStatus(await fetch(byQuery, { method: 'DELETE', headers: auth }), 200)).toEqual({
        erased: { responses: 0, declines: 0, impressions: 1, webhookDeliveries: 0 },
      });
      await expectError(await fetch(byQuery, { headers: auth }), 404, 'not_found');
    },
  );

  it('asks for the userId when the query form names none', async () => {
    const site = await newTestSite(testApp);
    const auth = { Authorization: `Bearer ${site.secretKey}` };
    expect(await expectError(await fetch(`${origin}/v1/users`, { headers: auth }), 400, 'invalid_request')).toMatch(/^userId: /);
    expect(
      await expectError(await fetch(`${origin}/v1/users?userId=`, { method: 'DELETE', headers: auth }), 400, 'invalid_request'),
    ).toMatch(/^userId: /);
  });
});
