import { siteSchema } from '@tenpoint/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aUser,
  expectError,
  expectStatus,
  getWithKey,
  newTestSite,
  sendWithKey,
  startTestApp,
  type TestApp,
  testOrigin,
} from '../../../test/test-app.ts';
import { createSite } from '../../sites/create-site.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

const send = (method: string, path: string, secretKey: string, body?: unknown) => sendWithKey(testApp, method, path, secretKey, body);

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
    expect(siteSchema.strict().parse(body)).toMatchObject({
      id: site.siteId,
      siteKey: site.siteKey,
      allowedOrigins: [testOrigin],
      testMode: false,
    });
    expect(JSON.stringify(body)).not.toMatch(/sk_|hash/i);
  });

  it('adds an origin, which the widget may then call from, and removes it again', async () => {
    const site = await newTestSite(testApp);
    const newOrigin = 'https://beta.example.test';
    const refused = await expectError(await askFrom(newOrigin, site.siteKey), 403, 'forbidden');
    expect(refused).toContain(`pnpm tenpoint sites origins add --site ${site.siteKey} ${newOrigin}`);
    expect(refused).toContain('POST /v1/site/origins');

    const added = siteSchema.parse(
      await expectStatus(await send('POST', '/v1/site/origins', site.secretKey, { origin: 'HTTPS://Beta.Example.test:443/' }), 200),
    );
    expect(added.allowedOrigins).toEqual([testOrigin, newOrigin]);
    const again = siteSchema.parse(await expectStatus(await send('POST', '/v1/site/origins', site.secretKey, { origin: newOrigin }), 200));
    expect(again.allowedOrigins).toEqual([testOrigin, newOrigin]);
    await expectStatus(await askFrom(newOrigin, site.siteKey), 200);

    const removed = siteSchema.parse(
      await expectStatus(await send('DELETE', `/v1/site/origins?origin=${encodeURIComponent(newOrigin)}`, site.secretKey), 200),
    );
    expect(removed.allowedOrigins).toEqual([testOrigin]);
    await expectError(await askFrom(newOrigin, site.siteKey), 403, 'forbidden');
  });

  it('refuses a bad origin with 400 and changes nothing', async () => {
    const site = await newTestSite(testApp);
    for (const body of [
      { origin: 'app.example.com' },
      { origin: 'ftp://files.example.com' },
      { origin: 42 },
      {},
      { origin: testOrigin, extra: 1 },
      'not json',
    ]) {
      const message = await expectError(await send('POST', '/v1/site/origins', site.secretKey, body), 400, 'invalid_request');
      expect(message).toMatch(/^(origin|extra|body)/);
    }
    await expectError(await send('DELETE', '/v1/site/origins?origin=nonsense', site.secretKey), 400, 'invalid_request');
    await expectError(await send('DELETE', '/v1/site/origins', site.secretKey), 400, 'invalid_request');
    expect(
      await expectError(
        await send('DELETE', `/v1/site/origins?origin=${encodeURIComponent('https://never.example')}`, site.secretKey),
        404,
        'not_found',
      ),
    ).toMatch(/^origin: /);
    expect(siteSchema.parse(await expectStatus(await getWithKey(testApp, '/v1/site', site.secretKey), 200)).allowedOrigins).toEqual([
      testOrigin,
    ]);
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

  it('refuses text Postgres cannot store, and bodies that are not application/json, changing nothing', async () => {
    const site = await newTestSite(testApp);
    for (const body of [
      '{"name":"A\\u0000x"}',
      '{"name":"ok\\ud83d"}',
      '{"origin":"https://c.example\\u0000"}',
      '{"origin\\u0000":"https://c.example"}',
    ]) {
      const path = body.includes('origin') ? '/v1/site/origins' : '/v1/site';
      const message = await expectError(
        await send(body.includes('origin') ? 'POST' : 'PATCH', path, site.secretKey, body),
        400,
        'invalid_request',
      );
      expect(message).toMatch(/^(name|origin|body: the key "origin)/);
    }
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const patched = await testApp.app.request('/v1/site', {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': type },
        body: '{"name":"renamed"}',
      });
      await expectError(patched, 415, 'unsupported_media_type');
      const added = await testApp.app.request('/v1/site/origins', {
        method: 'POST',
        headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': type },
        body: '{"origin":"https://d.example"}',
      });
      await expectError(added, 415, 'unsupported_media_type');
    }
    const now = siteSchema.parse(await expectStatus(await getWithKey(testApp, '/v1/site', site.secretKey), 200));
    expect(now).toMatchObject({ allowedOrigins: [testOrigin] });
    expect(now.name).not.toMatch(/renamed|\u0000|\ufffd/);
  });

  it('takes an origin only as browsers send one: no path, query, credentials, wildcard or port 0', async () => {
    const site = await newTestSite(testApp);
    const spellings = [
      'https://a.example/..',
      'https://a.example/.',
      'https://a.example/%2e',
      'https://a.example\\',
      'https://c.exa\nmple',
      'https://c.exa\tmple',
      'https://@a.example',
      'https://:@a.example',
      'https:a.example',
      'https:/a.example',
      'https:///a.example',
    ];
    for (const origin of [
      'https://a.example/app',
      'https://a.example/?x=1',
      'https://a.example/#f',
      'https://user:pw@a.example',
      'https://*.example',
      'https://a.example:0',
      ...spellings,
    ]) {
      expect(await expectError(await send('POST', '/v1/site/origins', site.secretKey, { origin }), 400, 'invalid_request'), origin).toMatch(
        /^origin: /,
      );
    }
    for (const origin of ['https://a.example/', 'HTTPS://A.EXAMPLE:443', 'http://localhost:5173', 'https://bücher.example'])
      await expectStatus(await send('POST', '/v1/site/origins', site.secretKey, { origin }), 200);
    expect(siteSchema.parse(await expectStatus(await getWithKey(testApp, '/v1/site', site.secretKey), 200)).allowedOrigins).toEqual([
      testOrigin,
      'https://a.example',
      'http://localhost:5173',
      'https://xn--bcher-kva.example',
    ]);
  });

  it('keeps at most 100 allowed origins', async () => {
    const site = await newTestSite(testApp);
    for (let i = 1; i < 100; i++)
      await expectStatus(await send('POST', '/v1/site/origins', site.secretKey, { origin: `https://n${i}.example` }), 200);
    expect(
      await expectError(
        await send('POST', '/v1/site/origins', site.secretKey, { origin: 'https://one-too-many.example' }),
        400,
        'invalid_request',
      ),
    ).toMatch(/^origin: .*100/);
    // One already allowed is still fine to add again.
    await expectStatus(await send('POST', '/v1/site/origins', site.secretKey, { origin: 'https://n1.example' }), 200);
    expect(siteSchema.parse(await expectStatus(await getWithKey(testApp, '/v1/site', site.secretKey), 200)).allowedOrigins).toHaveLength(
      100,
    );
    // Creating a site (the CLI's sites create) holds to the same limit.
    const many = Array.from({ length: 101 }, (_, i) => `https://m${i}.example`);
    await expect(createSite(testApp.db, { name: 'Many', origins: many })).rejects.toThrow(/at most 100 origins/);
  });
});

describe('a change to the site, with the widget lookups remembered for a while', () => {
  it(
    'reaches the widget endpoints of this API at once: a removed origin is refused, test mode off counts responses, a survey off is ' +
      'off',
    async () => {
      const cached = await startTestApp({ lookupTtlMs: 60_000 });
      try {
        const site = await newTestSite(cached);
        const other = 'https://other.example.test';
        const call = (origin: string) =>
          cached.app.request('/v1/eligibility', {
            method: 'POST',
            headers: { 'Content-Type': 'text/plain', Origin: origin },
            body: JSON.stringify({ siteKey: site.siteKey, user: aUser() }),
          });
        const change = (method: string, path: string, body?: unknown) =>
          cached.app.request(path, {
            method,
            headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
            ...(body ? { body: JSON.stringify(body) } : {}),
          });
        await expectStatus(await change('POST', '/v1/site/origins', { origin: other }), 200);
        await expectStatus(await call(other), 200);
        await expectStatus(await change('DELETE', `/v1/site/origins?origin=${encodeURIComponent(other)}`), 200);
        await expectError(await call(other), 403, 'forbidden');

        await expectStatus(await change('PATCH', '/v1/site', { testMode: true }), 200);
        await expectStatus(await call(testOrigin), 200);
        await expectStatus(await change('PATCH', '/v1/site', { testMode: false }), 200);
        const answered = await cached.app.request('/v1/responses', {
          method: 'POST',
          headers: { 'Content-Type': 'text/plain', Origin: testOrigin },
          body: JSON.stringify({ siteKey: site.siteKey, id: crypto.randomUUID(), user: aUser(), score: 3, test: true }),
        });
        await expectStatus(answered, 201);
        const scores = (await expectStatus(await getWithKey(cached, '/v1/scores', site.secretKey), 200)) as { responses: number };
        expect(scores.responses).toBe(1);

        // A survey switched off is off for the next call too.
        await expectStatus(await change('PATCH', `/v1/surveys/${site.surveyId}`, { enabled: false }), 200);
        expect(await expectStatus(await call(testOrigin), 200)).toMatchObject({ eligible: false, reason: 'survey_off' });
      } finally {
        await cached.close();
      }
    },
  );
});
