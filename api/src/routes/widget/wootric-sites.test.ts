import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { wootricSiteSchema } from '@tenpoint/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus, newTestSite, sendWithKey, startTestApp, type TestApp } from '../../../test/test-app.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

const aToken = () => `NPS-${randomBytes(4).toString('hex')}`;
const lookUp = (token: string, headers: Record<string, string> = {}) =>
  testApp.app.request(`/v1/wootric/sites/${token}`, { headers: { Origin: 'https://anyone.example', ...headers } });

describe("a pasted Wootric snippet's site", () => {
  it("is found by the site's Wootric account token, from any page, and may be cached a few minutes", async () => {
    const site = await newTestSite(testApp);
    const token = aToken();
    await expectStatus(await sendWithKey(testApp, 'PATCH', '/v1/site', site.secretKey, { wootricAccountToken: token }), 200);
    const answer = await lookUp(token);
    expect(wootricSiteSchema.strict().parse(await expectStatus(answer, 200))).toEqual({ siteKey: site.siteKey });
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('is 404 in the error shape for a token no site has, readable by the page that asked', async () => {
    const answer = await lookUp(aToken());
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(await expectError(answer, 404, 'not_found')).toMatch(/no site has this Wootric account token.*PATCH \/v1\/site/);
  });

  it('is no longer found once the site clears its token', async () => {
    const site = await newTestSite(testApp);
    const token = aToken();
    await expectStatus(await sendWithKey(testApp, 'PATCH', '/v1/site', site.secretKey, { wootricAccountToken: token }), 200);
    await expectStatus(await sendWithKey(testApp, 'PATCH', '/v1/site', site.secretKey, { wootricAccountToken: null }), 200);
    await expectError(await lookUp(token), 404, 'not_found');
  });

  it('refuses tokens of another shape with 400, never 500', async () => {
    for (const token of ['NPS-abc%00', `NPS-${'a'.repeat(10_000)}`, encodeURIComponent('NPS-ümlaut'), 'NPS-', 'nonsense', '%ZZ']) {
      const answer = await lookUp(token);
      expect([400, 404], await answer.clone().text()).toContain(answer.status);
      expect(answer.status).not.toBe(500);
    }
    expect(await expectError(await lookUp(encodeURIComponent('NPS-ümlaut')), 400, 'invalid_request')).toMatch(/^accountToken: /);
    expect(await expectError(await lookUp(`NPS-${'a'.repeat(10_000)}`), 400, 'invalid_request')).toMatch(/^accountToken: /);
  });
});

describe('/wootric.js', () => {
  it('is served beside /widget.js, to any page, compressed and cached alike', async () => {
    const [shim, loader] = await Promise.all(
      ['/wootric.js', '/widget.js'].map((path) => testApp.app.request(path, { headers: { 'Accept-Encoding': 'gzip' } })),
    );
    expect(shim!.status).toBe(200);
    expect(gunzipSync(Buffer.from(await shim!.arrayBuffer())).toString()).toBe('/* wootric */');
    for (const header of ['content-type', 'cache-control', 'access-control-allow-origin', 'content-encoding', 'vary'])
      expect(shim!.headers.get(header), header).toBe(loader!.headers.get(header));
  });
});

describe('how much one address may look up', () => {
  it('is limited as the other widget calls are', async () => {
    const limited = await startTestApp({ rateLimitClock: () => 0, rateLimits: { perAddress: 2, perSite: 1000, trustProxy: true } });
    try {
      const from = (address: string) => limited.app.request(`/v1/wootric/sites/${aToken()}`, { headers: { 'X-Forwarded-For': address } });
      for (let i = 0; i < 4; i++) await expectError(await from('203.0.113.9'), 404, 'not_found');
      expect(await expectError(await from('203.0.113.9'), 429, 'rate_limited')).toMatch(/this address/);
      await expectError(await from('198.51.100.9'), 404, 'not_found');
    } finally {
      await limited.close();
    }
  });
});
