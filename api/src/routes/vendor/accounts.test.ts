import { randomUUID } from 'node:crypto';
import { bandOf } from '@tenpoint/shared/scores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, getWithKey, newTestSite, startTestApp, type TestApp } from '../../../test/test-app.ts';
import { accounts, responses } from '../../db/schema/index.ts';

let testApp: TestApp;
// The app's clock: the real one unless a test sets it.
let clock: Date | undefined;
beforeAll(async () => {
  testApp = await startTestApp({ now: () => clock ?? new Date() });
});
afterAll(() => testApp.close());

describe('GET /v1/accounts', () => {
  it("gives each account's score, responses, last response and trend against the period before", async () => {
    const site = await newTestSite(testApp);
    await testApp.db.insert(accounts).values([{ siteId: site.siteId, accountId: 'acme', name: 'Acme BV', traits: { tier: 'enterprise' } }]);
    const respond = (accountId: string, score: number, at: string) =>
      testApp.db.insert(responses).values({
        siteId: site.siteId,
        id: randomUUID(),
        surveyId: site.surveyId,
        userId: `u_${randomUUID()}`,
        accountId,
        score,
        band: bandOf('nps', score),
        createdAt: new Date(at),
      });
    // March: Acme unhappy; April: Acme happy, Globex new.
    await respond('acme', 2, '2026-03-10T10:00:00Z');
    await respond('acme', 3, '2026-03-20T10:00:00Z');
    await respond('acme', 10, '2026-04-05T10:00:00Z');
    await respond('acme', 9, '2026-04-25T09:30:00Z');
    await respond('globex', 7, '2026-04-12T10:00:00Z');
    const result = (await expectStatus(
      await getWithKey(testApp, '/v1/accounts?from=2026-04-01&to=2026-04-30&minSample=1', site.secretKey),
      200,
    )) as {
      data: Array<Record<string, unknown>>;
    };
    expect(result.data).toMatchObject([
      {
        accountId: 'acme',
        name: 'Acme BV',
        traits: { tier: 'enterprise' },
        responses: 2,
        nps: 100,
        lastAnswerAt: '2026-04-25T09:30:00.000Z',
        previous: { responses: 2, nps: -100 },
        trend: 200,
        trendReason: null,
      },
      {
        accountId: 'globex',
        name: null,
        responses: 1,
        nps: 0,
        previous: null,
        trend: null,
        trendReason: 'no responses in the previous period',
      },
    ]);
  });

  it('gives no trend unless both periods have enough responses, and says why', async () => {
    const site = await newTestSite(testApp);
    const rows = (accountId: string, count: number, at: string, score: number) =>
      Array.from({ length: count }, () => ({
        siteId: site.siteId,
        id: randomUUID(),
        surveyId: site.surveyId,
        userId: `u_${randomUUID()}`,
        accountId,
        score,
        band: bandOf('nps', score),
        createdAt: new Date(at),
      }));
    await testApp.db
      .insert(responses)
      .values([...rows('acme', 120, '2026-04-10T10:00:00Z', 2), ...rows('acme', 1, '2026-03-10T10:00:00Z', 10)]);
    await testApp.db
      .insert(responses)
      .values([...rows('globex', 40, '2026-04-10T10:00:00Z', 10), ...rows('globex', 35, '2026-03-10T10:00:00Z', 0)]);
    const result = (await expectStatus(await getWithKey(testApp, '/v1/accounts?from=2026-04-01&to=2026-04-30', site.secretKey), 200)) as {
      data: Array<Record<string, unknown>>;
    };
    expect(result.data).toMatchObject([
      {
        accountId: 'acme',
        responses: 120,
        nps: -100,
        lowSample: false,
        previous: { responses: 1, nps: 100 },
        trend: null,
        trendReason: 'fewer than 30 responses in the previous period (1)',
      },
      { accountId: 'globex', responses: 40, lowSample: false, previous: { responses: 35 }, trend: 200, trendReason: null },
    ]);
    const strict = (await expectStatus(
      await getWithKey(testApp, '/v1/accounts?from=2026-04-01&to=2026-04-30&minSample=50', site.secretKey),
      200,
    )) as typeof result;
    expect(strict.data).toMatchObject([
      { accountId: 'acme', lowSample: false, trend: null, trendReason: 'fewer than 50 responses in the previous period (1)' },
      {
        accountId: 'globex',
        lowSample: true,
        trend: null,
        trendReason: 'fewer than 50 responses in this period (40) and in the previous period (35)',
      },
    ]);
  });

  it('ends the default range with today in the asked time zone, and covers 90 whole days of it', async () => {
    const site = await newTestSite(testApp);
    for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
      const answer = (await expectStatus(await getWithKey(testApp, `/v1/accounts?tz=${encodeURIComponent(tz)}`, site.secretKey), 200)) as {
        from: string;
        to: string;
      };
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date());
      const wallClock = (iso: string) =>
        new Intl.DateTimeFormat('en-CA', {
          timeZone: tz,
          hourCycle: 'h23',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
        }).format(new Date(iso));
      const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      const first = new Date(Date.parse(`${today}T00:00:00Z`) - 89 * 86_400_000).toISOString().slice(0, 10);
      expect(wallClock(answer.to), tz).toBe(`${tomorrow}, 00:00`);
      expect(wallClock(answer.from), tz).toBe(`${first}, 00:00`);
    }
    // Given only `to`, across a change of clocks: still 90 whole days, from midnight.
    const onlyTo = (await expectStatus(
      await getWithKey(testApp, '/v1/accounts?tz=America/Los_Angeles&to=2026-12-01', site.secretKey),
      200,
    )) as { from: string; to: string };
    expect(onlyTo).toEqual({ type: 'nps', from: '2026-09-03T07:00:00.000Z', to: '2026-12-02T08:00:00.000Z', data: [] });
  });

  it("ends the default range with today on the app's clock, whatever the machine's", async () => {
    const site = await newTestSite(testApp);
    // 01:30 in Los Angeles on the day its clocks go forward.
    clock = new Date('2026-03-08T09:30:00Z');
    try {
      const answer = await expectStatus(await getWithKey(testApp, '/v1/accounts?tz=America/Los_Angeles', site.secretKey), 200);
      expect(answer).toEqual({ type: 'nps', from: '2025-12-09T08:00:00.000Z', to: '2026-03-09T07:00:00.000Z', data: [] });
    } finally {
      clock = undefined;
    }
  });

  it('honours trait filters as the scores do, instead of answering every account unfiltered', async () => {
    const site = await newTestSite(testApp);
    const respond = (accountId: string, score: number, plan: string) =>
      testApp.db.insert(responses).values({
        siteId: site.siteId,
        id: randomUUID(),
        surveyId: site.surveyId,
        userId: `u_${randomUUID()}`,
        accountId,
        score,
        band: bandOf('nps', score),
        userTraits: { plan },
        createdAt: new Date(Date.now() - 86_400_000),
      });
    await respond('acme', 10, 'pro');
    await respond('acme', 0, 'free');
    await respond('globex', 0, 'free');
    const read = async (query: string) =>
      (
        (await expectStatus(await getWithKey(testApp, `/v1/accounts?minSample=1${query}`, site.secretKey), 200)) as {
          data: Array<{ accountId: string; responses: number }>;
        }
      ).data;
    expect((await read('&trait.plan=pro')).map(({ accountId, responses }) => [accountId, responses])).toEqual([['acme', 1]]);
    expect(await read('&trait.plan=none')).toEqual([]);
    expect((await read('')).length).toBe(2);
  });
});
