import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestSite, postJson, startTestApp, type TestApp, testOrigin } from '../../test/test-app.ts';

// The widget reads an error's words only when the browser lets the page read the answer: without
// Access-Control-Allow-Origin it sees a network error, and tells the developer to check the API's address.
let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp?.close();
});

describe('an error answered to a widget call before its site is known', () => {
  it('is readable by the calling page: too large, unknown parameters, no such lookup', async () => {
    const site = await newTestSite(testApp);
    const user = { userId: 'u_1', traits: { note: 'x'.repeat(900) } };
    const tooLarge = await postJson(
      testApp,
      '/v1/eligibility',
      {
        siteKey: site.siteKey,
        user: { ...user, traits: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`t${i}`, 'x'.repeat(900)])) },
      },
      { Origin: testOrigin },
    );
    const unknownParameter = await postJson(testApp, '/v1/responses?debug=1', { siteKey: site.siteKey, user }, { Origin: testOrigin });
    const lookup = await testApp.app.request('/v1/wootric/sites/NPS-unknown1', { headers: { Origin: testOrigin } });
    for (const [answer, status] of [
      [tooLarge, 413],
      [unknownParameter, 400],
      [lookup, 404],
    ] as const) {
      expect(answer.status).toBe(status);
      expect(answer.headers.get('access-control-allow-origin')).toMatch(new RegExp(`^(\\*|${testOrigin.replaceAll('.', '\\.')})$`));
    }
  });
});
