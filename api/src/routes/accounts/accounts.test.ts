import { randomUUID } from 'node:crypto';
import { bandOf } from '@tenpoint/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, responses } from '../../db/schema/index.ts';
import { expectStatus, getWithKey, newTestSite, startTestApp, type TestApp } from '../../../test/test-app.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

describe('GET /v1/accounts', () => {
  it("gives each account's score, responses, last answer and trend against the period before", async () => {
    const site = await newTestSite(testApp);
    await testApp.db.insert(accounts).values([{ siteId: site.siteId, accountId: 'acme', name: 'Acme BV', traits: { tier: 'enterprise' } }]);
    const answer = (accountId: string, score: number, at: string) =>
      testApp.db.insert(responses).values({ siteId: site.siteId, id: randomUUID(), surveyId: site.surveyId, userId: `u_${randomUUID()}`, accountId, score, band: bandOf('nps', score), createdAt: new Date(at) });
    // March: Acme unhappy; April: Acme happy, Globex new.
    await answer('acme', 2, '2026-03-10T10:00:00Z');
    await answer('acme', 3, '2026-03-20T10:00:00Z');
    await answer('acme', 10, '2026-04-05T10:00:00Z');
    await answer('acme', 9, '2026-04-25T09:30:00Z');
    await answer('globex', 7, '2026-04-12T10:00:00Z');
    const result = (await expectStatus(await getWithKey(testApp, '/v1/accounts?from=2026-04-01&to=2026-04-30', site.secretKey), 200)) as {
      data: Array<Record<string, unknown>>;
    };
    expect(result.data).toMatchObject([
      { accountId: 'acme', name: 'Acme BV', traits: { tier: 'enterprise' }, responses: 2, nps: 100, lastAnswerAt: '2026-04-25T09:30:00.000Z', previous: { responses: 2, nps: -100 }, trend: 200 },
      { accountId: 'globex', name: null, responses: 1, nps: 0, previous: null, trend: null },
    ]);
  });
});
