import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus, getWithKey, newTestSite, postJson, startTestApp, type TestApp } from '../../../test/test-app.ts';

let testApp: TestApp;
let site: Awaited<ReturnType<typeof newTestSite>>;
beforeAll(async () => {
  testApp = await startTestApp();
  site = await newTestSite(testApp);
  const answer = (score: number, plan: string, tier: string) =>
    postJson(testApp, '/v1/responses', {
      siteKey: site.siteKey,
      id: randomUUID(),
      score,
      user: { userId: `u_${randomUUID()}`, traits: { plan }, account: { id: `acme-${tier}`, traits: { tier } } },
    });
  for (const [score, plan, tier] of [
    [10, 'pro', 'smb'],
    [9, 'pro', 'enterprise'],
    [2, 'free', 'smb'],
    [6, 'pro', 'smb'],
  ] as const)
    await expectStatus(await answer(score, plan, tier), 201);
});
afterAll(() => testApp.close());

const get = async (path: string) => expectStatus(await getWithKey(testApp, path, site.secretKey), 200);

describe('trait filters', () => {
  it('are read as trait[NAME]=VALUE, the form generated clients send, as they are as trait.NAME=VALUE', async () => {
    for (const path of ['/v1/scores', '/v1/accounts', '/v1/responses']) {
      const dotted = await get(`${path}?trait.plan=pro`);
      const bracketed = await get(`${path}?${encodeURIComponent('trait[plan]')}=pro`);
      expect(bracketed, path).toEqual(dotted);
      // Unencoded brackets too, as curl and browsers leave them.
      expect(await get(`${path}?trait[plan]=pro`), path).toEqual(dotted);
    }
    expect(await get('/v1/scores?trait[plan]=pro')).toMatchObject({ responses: 3, promoters: 2, detractors: 1 });
    expect(await get('/v1/scores?trait[account.tier]=smb')).toMatchObject({ responses: 3 });
    expect(await get('/v1/scores?trait[plan]=pro&trait.account.tier=smb')).toMatchObject({ responses: 2 });
    const csv = async (query: string) => (await getWithKey(testApp, `/v1/responses.csv?${query}`, site.secretKey)).text();
    expect((await csv('trait[plan]=free')).trim().split('\n')).toHaveLength(2);
  });

  it('refuse one trait given in both spellings, and a bracket that is not a trait name', async () => {
    expect(
      await expectError(await getWithKey(testApp, '/v1/scores?trait.plan=pro&trait[plan]=free', site.secretKey), 400, 'invalid_request'),
    ).toMatch(/^trait\[plan\]: /);
    expect(await expectError(await getWithKey(testApp, '/v1/scores?trait[]=pro', site.secretKey), 400, 'invalid_request')).toMatch(
      /^trait\[\]: /,
    );
    expect(await expectError(await getWithKey(testApp, '/v1/scores?trait[a][b]=pro', site.secretKey), 400, 'invalid_request')).toMatch(
      /^trait\[a\]\[b\]: is not a parameter/,
    );
    expect(await expectError(await getWithKey(testApp, '/v1/scores?trait=pro', site.secretKey), 400, 'invalid_request')).toMatch(
      /^trait: .*trait\[NAME\]/,
    );
    expect(
      await expectError(await getWithKey(testApp, `/v1/scores?trait[plan]=${'x'.repeat(201)}`, site.secretKey), 400, 'invalid_request'),
    ).toMatch(/^trait\[plan\]: /);
    // Endpoints without trait filters take neither spelling.
    expect(await expectError(await getWithKey(testApp, '/v1/surveys?trait[plan]=pro', site.secretKey), 400, 'invalid_request')).toMatch(
      /^trait\[plan\]: is not a parameter/,
    );
  });

  it('are declared in /openapi.json as a deepObject parameter', async () => {
    const document = (await expectStatus(await testApp.app.request('/openapi.json'), 200)) as {
      paths: Record<string, { get: { parameters: Array<{ name: string; in: string; style?: string; explode?: boolean }> } }>;
    };
    for (const path of ['/v1/scores', '/v1/accounts', '/v1/responses', '/v1/responses.csv']) {
      expect(
        document.paths[path]!.get.parameters.find((parameter) => parameter.name === 'trait'),
        path,
      ).toMatchObject({ in: 'query', style: 'deepObject', explode: true });
    }
  });
});

describe('a trait named __proto__', () => {
  it('is kept from the widget call to the filter, for the user and the account, as any other name', async () => {
    const other = await newTestSite(testApp);
    const traits = '{"__proto__":"gold","plan":"p"}';
    const body =
      `{"siteKey":"${other.siteKey}","id":"${randomUUID()}","score":9,` +
      `"user":{"userId":"u_proto","traits":${traits},"account":{"id":"acme","traits":${traits}}}}`;
    await expectStatus(await postJson(testApp, '/v1/responses', body), 201);
    const scores = async (query: string) => expectStatus(await getWithKey(testApp, `/v1/scores?${query}`, other.secretKey), 200);
    expect(await scores(`${encodeURIComponent('trait[__proto__]')}=gold`)).toMatchObject({ responses: 1 });
    expect(await scores(`${encodeURIComponent('trait[account.__proto__]')}=gold`)).toMatchObject({ responses: 1 });
    const user = (await expectStatus(await getWithKey(testApp, '/v1/users/u_proto', other.secretKey), 200)) as {
      user: { traits: Record<string, unknown> };
    };
    expect(Object.entries(user.user.traits).sort()).toEqual([
      ['__proto__', 'gold'],
      ['plan', 'p'],
    ]);
  });
});
