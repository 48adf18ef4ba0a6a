import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUser, expectError, expectStatus, newTestSite, postJson, startTestApp, type TestApp, testOrigin } from '../../test/test-app.ts';
import type { RateLimits } from './rate-limit.ts';
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
    const from = (address: string) =>
      postJson(testApp, '/v1/eligibility', { siteKey: site.siteKey, user: aUser() }, { 'X-Forwarded-For': address });
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

describe('what counts against a limit', () => {
  it('counts only accepted calls against a site: forged origins cannot lock its users out', async () => {
    const busy = await startTestApp({ rateLimitClock: () => 0, rateLimits: { perAddress: 1000, perSite: 2, trustProxy: false } });
    try {
      const site = await newTestSite(busy);
      for (let i = 0; i < 20; i++) {
        const forged = await postJson(
          busy,
          '/v1/eligibility',
          { siteKey: site.siteKey, user: aUser() },
          { Origin: 'https://attacker.example' },
        );
        await expectError(forged, 403, 'forbidden');
      }
      for (let i = 0; i < 4; i++)
        await expectStatus(await postJson(busy, '/v1/eligibility', { siteKey: site.siteKey, user: aUser() }), 200);
    } finally {
      await busy.close();
    }
  });

  it('answers every preflight alike, whatever the origin, and limits preflights per address', async () => {
    const limited = await startTestApp({ rateLimitClock: () => 0, rateLimits: { perAddress: 3, perSite: 1000, trustProxy: true } });
    try {
      await newTestSite(limited);
      const preflight = (origin: string, address: string) =>
        limited.app.request('/v1/responses', {
          method: 'OPTIONS',
          headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'X-Forwarded-For': address },
        });
      const headersOf = async (response: Response, origin: string) => {
        expect(response.status).toBe(204);
        const headers = Object.fromEntries(response.headers);
        // Only the echo of the asking origin may differ: nothing says which origins a site allows.
        expect(headers['access-control-allow-origin']).toBe(origin);
        return { ...headers, 'access-control-allow-origin': '*', 'x-request-id': '' };
      };
      const allowed = await headersOf(await preflight(testOrigin, '203.0.113.1'), testOrigin);
      const unknown = await headersOf(
        await preflight('https://is-acme-a-customer.example', '203.0.113.2'),
        'https://is-acme-a-customer.example',
      );
      expect(unknown).toEqual(allowed);
      for (let i = 0; i < 6; i++) await preflight(`https://probe-${i}.example`, '198.51.100.50');
      await expectError(await preflight('https://probe-7.example', '198.51.100.50'), 429, 'rate_limited');
    } finally {
      await limited.close();
    }
  });
});

describe('the client address behind proxies', () => {
  const limitedApp = (trustProxy: RateLimits['trustProxy']) =>
    startTestApp({ rateLimitClock: () => 0, rateLimits: { perAddress: 3, perSite: 100_000, trustProxy } });
  const ask = (app: TestApp, siteKey: string, forwardedFor: string, socketAddress = '127.0.0.1') =>
    app.app.request(
      '/v1/eligibility',
      {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain', Origin: testOrigin, 'X-Forwarded-For': forwardedFor },
        body: JSON.stringify({ siteKey, user: aUser() }),
      },
      { incoming: { socket: { remoteAddress: socketAddress } } },
    );

  for (const trustProxy of [1, true] as const) {
    it(`takes the address the trusted proxy saw, not the one the client wrote (TENPOINT_TRUST_PROXY=${trustProxy})`, async () => {
      const app = await limitedApp(trustProxy);
      try {
        const site = await newTestSite(app);
        for (let i = 0; i < 6; i++) await expectStatus(await ask(app, site.siteKey, `10.9.${i}.1, 192.0.2.77`), 200);
        await expectError(await ask(app, site.siteKey, '10.9.99.1, 192.0.2.77'), 429, 'rate_limited');
        await expectStatus(await ask(app, site.siteKey, '192.0.2.78'), 200);
      } finally {
        await app.close();
      }
    });
  }

  it('walks back through a list of trusted proxy ranges', async () => {
    const app = await limitedApp(['10.0.0.0/8', 'fd00::/8']);
    try {
      const site = await newTestSite(app);
      for (let i = 0; i < 6; i++) await expectStatus(await ask(app, site.siteKey, `1.2.3.${i}, 192.0.2.90, 10.1.1.1`, '10.2.2.2'), 200);
      await expectError(await ask(app, site.siteKey, '192.0.2.90, 10.1.1.1', '10.2.2.2'), 429, 'rate_limited');
      // A caller that is not a trusted proxy is the client, whatever it writes.
      await expectStatus(await ask(app, site.siteKey, '192.0.2.90', '192.0.2.200'), 200);
    } finally {
      await app.close();
    }
  });

  it('limits IPv6 clients per /64', async () => {
    const app = await limitedApp(1);
    try {
      const site = await newTestSite(app);
      for (let i = 0; i < 6; i++) await expectStatus(await ask(app, site.siteKey, `2001:db8:5:6:${i}::1`), 200);
      await expectError(await ask(app, site.siteKey, '2001:db8:5:6:ffff::9'), 429, 'rate_limited');
      await expectStatus(await ask(app, site.siteKey, '2001:db8:5:7::1'), 200);
    } finally {
      await app.close();
    }
  });
});

describe('failed authentication on vendor endpoints', () => {
  it('answers 429 with Retry-After to an address after 10 wrong keys a minute, and never to a right key from elsewhere', async () => {
    const app = await startTestApp({ rateLimitClock: () => 0, rateLimits: { perAddress: 100_000, perSite: 100_000, trustProxy: 1 } });
    try {
      const site = await newTestSite(app);
      const read = (secretKey: string, address: string) =>
        app.app.request('/v1/scores', { headers: { Authorization: `Bearer ${secretKey}`, 'X-Forwarded-For': address } });
      for (let i = 0; i < 10; i++) await expectError(await read(`sk_wrong${i}`, '198.51.100.66'), 401, 'unauthorized');
      const refused = await read('sk_wrong_again', '198.51.100.66');
      expect(refused.headers.get('retry-after')).toBe('60');
      expect(await expectError(refused, 429, 'rate_limited')).toMatch(/failed authentication/);
      // Guessing stops for that address, a right key included; others are untouched.
      await expectError(await read(site.secretKey, '198.51.100.66'), 429, 'rate_limited');
      await expectStatus(await read(site.secretKey, '198.51.100.67'), 200);
    } finally {
      await app.close();
    }
  });
});
