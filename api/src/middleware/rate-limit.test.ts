import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUser, expectError, expectStatus, newTestSite, postJson, startTestApp, type TestApp } from '../../test/test-app.ts';
import { createRateLimiter } from './rate-limit.ts';

describe('createRateLimiter', () => {
  it('allows bursts of twice the rate, then refills at the rate', () => {
    let time = 0;
    const limiter = createRateLimiter(5, () => time);
    for (let i = 0; i < 10; i++) limiter.take('a', 'a');
    expect(() => limiter.take('a', 'a')).toThrow(/retry after 1 s/);
    expect(() => limiter.take('b', 'b')).not.toThrow();
    time += 1000;
    for (let i = 0; i < 5; i++) limiter.take('a', 'a');
    expect(() => limiter.take('a', 'a')).toThrow();
  });
});

describe('rate limits on widget calls', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    // A clock that stands still: however slow the machine, no token comes back during the test.
    testApp = await startTestApp({ rateLimitClock: () => 0, rateLimits: { perAddress: 3, perSite: 1000, trustProxy: true } });
  });
  afterAll(() => testApp.close());

  it('answers 429 with Retry-After to an address that sends too much, and not to others', async () => {
    const site = await newTestSite(testApp);
    const from = (address: string) => postJson(testApp, '/v1/eligibility', { siteKey: site.siteKey, user: aUser() }, { 'X-Forwarded-For': address });
    for (let i = 0; i < 6; i++) await expectStatus(await from('203.0.113.7'), 200);
    const limited = await from('203.0.113.7');
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await expectError(limited, 429, 'rate_limited')).toMatch(/too many requests from this address/);
    await expectStatus(await from('198.51.100.1'), 200);
  });

  it('limits each site on its own', async () => {
    const busy = await startTestApp({ rateLimitClock: () => 0, rateLimits: { perAddress: 1000, perSite: 2, trustProxy: false } });
    try {
      const [site, other] = [await newTestSite(busy), await newTestSite(busy)];
      const ask = (siteKey: string) => postJson(busy, '/v1/eligibility', { siteKey, user: aUser() });
      for (let i = 0; i < 4; i++) await expectStatus(await ask(site.siteKey), 200);
      expect(await expectError(await ask(site.siteKey), 429, 'rate_limited')).toMatch(/this site/);
      await expectStatus(await ask(other.siteKey), 200);
    } finally {
      await busy.close();
    }
  });
});
