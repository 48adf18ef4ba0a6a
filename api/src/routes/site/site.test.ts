import { siteSchema } from '@tenpoint/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUser, expectError, expectStatus, getWithKey, newTestSite, startTestApp, testOrigin, type TestApp } from '../../../test/test-app.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

const send = (method: string, path: string, secretKey: string, body?: unknown) =>
  testApp.app.request(path, {
    method,
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });

const askFrom = (origin: string, siteKey: string) =>
  testApp.app.request('/v1/eligibility', {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain', Origin: origin },
    body: JSON.stringify({ siteKey, user: aUser() }),
  });

describe('the site of a secret key', () => {
  it('shows its name, key, origins and test mode, and nothing secret', async () => {
    const site = await newTestSite(testApp);
    const body = await expectStatus(await getWithKey(testApp, '/v1/site', site.secretKey), 200);
    expect(siteSchema.strict().parse(body)).toMatchObject({ id: site.siteId, siteKey: site.siteKey, allowedOrigins: [testOrigin], testMode: false });
    expect(JSON.stringify(body)).not.toMatch(/sk_|hash/i);
  });

  it('adds an origin, which the widget may then call from, and removes it again', async () => {
    const site = await newTestSite(testApp);
    const newOrigin = 'https://beta.example.test';
    const refused = await expectError(await askFrom(newOrigin, site.siteKey), 403, 'forbidden');
    expect(refused).toContain(`pnpm tenpoint sites origins add --site ${site.siteKey} ${newOrigin}`);
    expect(refused).toContain('POST /v1/site/origins');

    const added = siteSchema.parse(await expectStatus(await send('POST', '/v1/site/origins', site.secretKey, { origin: 'HTTPS://Beta.Example.test:443/' }), 200));
    expect(added.allowedOrigins).toEqual([testOrigin, newOrigin]);
    const again = siteSchema.parse(await expectStatus(await send('POST', '/v1/site/origins', site.secretKey, { origin: newOrigin }), 200));
    expect(again.allowedOrigins).toEqual([testOrigin, newOrigin]);
    await expectStatus(await askFrom(newOrigin, site.siteKey), 200);

    const removed = siteSchema.parse(await expectStatus(await send('DELETE', `/v1/site/origins?origin=${encodeURIComponent(newOrigin)}`, site.secretKey), 200));
    expect(removed.allowedOrigins).toEqual([testOrigin]);
    await expectError(await askFrom(newOrigin, site.siteKey), 403, 'forbidden');
  });

  it('refuses a bad origin with 400 and changes nothing', async () => {
    const site = await newTestSite(testApp);
    for (const body of [{ origin: 'app.example.com' }, { origin: 'ftp://files.example.com' }, { origin: 42 }, {}, { origin: testOrigin, extra: 1 }, 'not json']) {
      const message = await expectError(await send('POST', '/v1/site/origins', site.secretKey, body), 400, 'invalid_request');
      expect(message).toMatch(/^(origin|extra|body)/);
    }
    await expectError(await send('DELETE', '/v1/site/origins?origin=nonsense', site.secretKey), 400, 'invalid_request');
    await expectError(await send('DELETE', '/v1/site/origins', site.secretKey), 400, 'invalid_request');
    expect(await expectError(await send('DELETE', `/v1/site/origins?origin=${encodeURIComponent('https://never.example')}`, site.secretKey), 404, 'not_found')).toMatch(/^origin: /);
    expect(siteSchema.parse(await expectStatus(await getWithKey(testApp, '/v1/site', site.secretKey), 200)).allowedOrigins).toEqual([testOrigin]);
  });

  it('switches test mode on and off, so that show() brings the survey back', async () => {
    const site = await newTestSite(testApp);
    const on = siteSchema.parse(await expectStatus(await send('PATCH', '/v1/site', site.secretKey, { testMode: true }), 200));
    expect(on.testMode).toBe(true);
    expect(siteSchema.parse(await expectStatus(await getWithKey(testApp, '/v1/site', site.secretKey), 200)).testMode).toBe(true);
    const off = siteSchema.parse(await expectStatus(await send('PATCH', '/v1/site', site.secretKey, { testMode: false }), 200));
    expect(off.testMode).toBe(false);
    await expectError(await send('PATCH', '/v1/site', site.secretKey, { testMode: 'yes' }), 400, 'invalid_request');
    await expectError(await send('PATCH', '/v1/site', site.secretKey, { testmode: true }), 400, 'invalid_request');
  });

  it('changes only the site of the key', async () => {
    const mine = await newTestSite(testApp);
    const theirs = await newTestSite(testApp);
    await expectStatus(await send('POST', '/v1/site/origins', mine.secretKey, { origin: 'https://mine.example' }), 200);
    await expectStatus(await send('PATCH', '/v1/site', mine.secretKey, { testMode: true }), 200);
    const other = siteSchema.parse(await expectStatus(await getWithKey(testApp, '/v1/site', theirs.secretKey), 200));
    expect(other).toMatchObject({ allowedOrigins: [testOrigin], testMode: false });
    await expectError(await testApp.app.request('/v1/site'), 401, 'unauthorized');
  });
});
