import { randomUUID } from 'node:crypto';
import { scoresAnswerSchema } from '@tenpoint/shared';
import { bandOf } from '@tenpoint/shared/scores';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus, getWithKey, newTestSite, postJson, startTestApp, type TestApp } from '../../../test/test-app.ts';
import { declines, impressions, responses, surveys } from '../../db/schema/index.ts';

let testApp: TestApp;
// The app's clock: the real one unless a test sets it.
let clock: Date | undefined;
beforeAll(async () => {
  testApp = await startTestApp({ now: () => clock ?? new Date() });
});
afterAll(() => testApp.close());

type Site = Awaited<ReturnType<typeof newTestSite>>;

async function respond(site: Site, score: number, userId = `u_${randomUUID()}`) {
  const body = { siteKey: site.siteKey, id: randomUUID(), user: { userId }, score };
  await expectStatus(await postJson(testApp, '/v1/responses', body), 201);
}

async function respondMany(site: Site, counts: Record<number, number>) {
  for (const [score, times] of Object.entries(counts)) {
    for (let i = 0; i < times; i++) await respond(site, Number(score));
  }
}

const scores = async (site: Site, query = '') =>
  scoresAnswerSchema.parse(await expectStatus(await getWithKey(testApp, `/v1/scores${query}`, site.secretKey), 200));

/** The answer of an NPS survey, whose fields are NPS's own (the answer is a union on `type`). */
const npsScores = async (site: Site, query = '') => {
  const answer = await scores(site, query);
  if (answer.type !== 'nps') throw new Error(`expected an NPS answer, got ${answer.type}`);
  return answer;
};

describe('GET /v1/scores', () => {
  it("measures a series without `to` up to the app's clock before refusing it as too long", async () => {
    const site = await newTestSite(testApp);
    try {
      // From 1970 by day: about 19,700 points at the start of 2024, 20,450 at the end of January 2026.
      clock = new Date('2024-01-01T00:00:00Z');
      await expectStatus(await getWithKey(testApp, '/v1/scores?from=1970-01-01&interval=day', site.secretKey), 200);
      clock = new Date('2026-01-31T00:00:00Z');
      expect(
        await expectError(await getWithKey(testApp, '/v1/scores?from=1970-01-01&interval=day', site.secretKey), 400, 'invalid_request'),
      ).toMatch(/^interval: /);
    } finally {
      clock = undefined;
    }
  });

  it('computes NPS 17 from 23 detractors, 37 passives and 40 promoters', async () => {
    const site = await newTestSite(testApp);
    await respondMany(site, { 0: 3, 6: 20, 7: 17, 8: 20, 9: 15, 10: 25 });
    const result = await scores(site);
    expect(result).toMatchObject({
      type: 'nps',
      nps: 17,
      marginOfError: 14.9,
      lowSample: false,
      responses: 100,
      detractors: 23,
      passives: 37,
      promoters: 40,
    });
  });

  it('counts declines beside the score, never in its denominator', async () => {
    const site = await newTestSite(testApp);
    await respondMany(site, { 10: 1, 0: 1, 9: 2 });
    for (const userId of ['a', 'b', 'c']) {
      await expectStatus(await postJson(testApp, '/v1/declines', { siteKey: site.siteKey, user: { userId } }), 202);
    }
    const result = await scores(site);
    expect(result).toMatchObject({ nps: 50, responses: 4, declines: 3 });
  });

  it('reports the share of users shown the survey who responded', async () => {
    const site = await newTestSite(testApp);
    for (const userId of ['a', 'b', 'c', 'd']) {
      await expectStatus(await postJson(testApp, '/v1/impressions', { siteKey: site.siteKey, user: { userId } }), 202);
    }
    await expectStatus(await postJson(testApp, '/v1/impressions', { siteKey: site.siteKey, user: { userId: 'a' } }), 202);
    await respond(site, 9, 'a');
    expect(await scores(site)).toMatchObject({ impressions: 5, usersShown: 4, responseRate: 0.25 });
  });

  it('has no score and no rate before anyone responds', async () => {
    const site = await newTestSite(testApp);
    expect(await scores(site)).toMatchObject({ nps: null, marginOfError: null, responses: 0, responseRate: null });
  });

  it('limits the counts to the date range', async () => {
    const site = await newTestSite(testApp);
    await respond(site, 10);
    await testApp.db.insert(declines).values({
      id: randomUUID(),
      siteId: site.siteId,
      surveyId: site.surveyId,
      userId: 'old',
      createdAt: new Date('2020-05-01T12:00:00Z'),
    });
    await testApp.db
      .insert(impressions)
      .values({ id: randomUUID(), siteId: site.siteId, surveyId: site.surveyId, userId: 'old', shownAt: new Date('2020-05-01T12:00:00Z') });
    expect(await scores(site, '?from=2020-05-01&to=2020-05-01')).toMatchObject({ responses: 0, declines: 1, impressions: 1 });
    expect(await scores(site, '?from=2020-05-02')).toMatchObject({ responses: 1, declines: 0, impressions: 0 });
    await expectError(await getWithKey(testApp, '/v1/scores?from=yesterday', site.secretKey), 400, 'invalid_request');
    await expectError(await getWithKey(testApp, '/v1/scores?from=2021-01-02&to=2021-01-01', site.secretKey), 400, 'invalid_request');
  });

  it('gives a daily series in the asked time zone, with the quiet days as zero', async () => {
    const site = await newTestSite(testApp);
    const at = (iso: string, score: number, traits: Record<string, string> = {}) =>
      testApp.db.insert(responses).values({
        siteId: site.siteId,
        id: randomUUID(),
        surveyId: site.surveyId,
        userId: `u_${randomUUID()}`,
        score,
        band: bandOf('nps', score),
        createdAt: new Date(iso),
        userTraits: traits,
        accountId: traits.plan ? `acct_${traits.plan}` : null,
      });
    // 23:30 UTC on 1 March is already 2 March in Amsterdam.
    await at('2026-03-01T23:30:00Z', 10, { plan: 'pro' });
    await at('2026-03-01T10:00:00Z', 0, { plan: 'free' });
    await at('2026-03-04T12:00:00Z', 9, { plan: 'pro' });
    const utc = await npsScores(site, '?from=2026-03-01&to=2026-03-04&interval=day');
    expect(utc.series.map((point) => [point.start, point.responses, point.nps])).toEqual([
      ['2026-03-01', 2, 0],
      ['2026-03-02', 0, null],
      ['2026-03-03', 0, null],
      ['2026-03-04', 1, 100],
    ]);
    const amsterdam = await scores(site, '?from=2026-03-01&to=2026-03-04&interval=day&tz=Europe/Amsterdam');
    expect(amsterdam.series.map((point) => [point.start, point.responses])).toEqual([
      ['2026-03-01', 1],
      ['2026-03-02', 1],
      ['2026-03-03', 0],
      ['2026-03-04', 1],
    ]);
    const weekly = await scores(site, '?from=2026-03-01&to=2026-03-31&interval=week');
    expect(weekly.series.map((point) => [point.start, point.responses])).toEqual([
      ['2026-02-23', 2],
      ['2026-03-02', 1],
      ['2026-03-09', 0],
      ['2026-03-16', 0],
      ['2026-03-23', 0],
      ['2026-03-30', 0],
    ]);
  });

  it('groups by account or trait, and filters by trait', async () => {
    const site = await newTestSite(testApp);
    const send = async (score: number, plan: string, account: string) =>
      expectStatus(
        await postJson(testApp, '/v1/responses', {
          siteKey: site.siteKey,
          id: randomUUID(),
          score,
          user: { userId: `u_${randomUUID()}`, traits: { plan }, account: { id: account } },
        }),
        201,
      );
    await send(10, 'pro', 'acme');
    await send(9, 'pro', 'acme');
    await send(2, 'free', 'globex');
    const byAccount = await npsScores(site, '?groupBy=account');
    expect(byAccount.groups.map((group) => [group.key, group.responses, group.nps])).toEqual([
      ['acme', 2, 100],
      ['globex', 1, -100],
    ]);
    expect(byAccount.groups[0]!.lastAnswerAt).not.toBeNull();
    const byPlan = await scores(site, '?groupBy=trait:plan');
    expect(byPlan.groups.map((group) => group.key)).toEqual(['pro', 'free']);
    const pro = await scores(site, '?trait.plan=pro');
    expect(pro).toMatchObject({ responses: 2, nps: 100, impressions: null, responseRate: null });
  });

  it('reads a segment the same way from the tallies and from the responses, whatever its name or value', async () => {
    const site = await newTestSite(testApp);
    // Stored as the widget stores them (a JSON.parse keeps `__proto__` as a key of its own).
    const send = (score: number, traits: string, accountId: string, accountTraits: Record<string, string>) =>
      testApp.db.insert(responses).values({
        siteId: site.siteId,
        id: randomUUID(),
        surveyId: site.surveyId,
        userId: `u_${randomUUID()}`,
        score,
        band: bandOf('nps', score),
        userTraits: JSON.parse(traits),
        accountId,
        accountTraits,
      });
    const long = 'x'.repeat(250);
    await send(10, `{"__proto__":"a","account.plan":"pro","plan":"${long}"}`, 'acme', { plan: 'free' });
    await send(0, '{"__proto__":"b","account.plan":"pro"}', 'globex', { plan: 'free' });
    await send(9, '{"plan":"team"}', 'initech', { plan: 'pro' });
    await testApp.db
      .update(surveys)
      .set({ settings: { segmentTraits: ['__proto__', 'plan', 'account.plan'] } })
      .where(and(eq(surveys.siteId, site.siteId), eq(surveys.id, site.surveyId)));
    await testApp.db.execute(sql`select tenpoint_fold_tallies(1000)`);
    for (const read of ['', '&includeTest=true']) {
      // A trait named __proto__ filters like any other.
      expect(await scores(site, `?trait.__proto__=a${read}`)).toMatchObject({ responses: 1, nps: 100 });
      // account.plan is the account's plan, never a user trait that happens to be spelled so.
      expect(await scores(site, `?trait.account.plan=pro${read}`)).toMatchObject({ responses: 1, nps: 100 });
      expect(await scores(site, `?trait.account.plan=free${read}`)).toMatchObject({ responses: 2, nps: 0 });
      const byAccountPlan = await scores(site, `?groupBy=trait:account.plan${read}`);
      expect(byAccountPlan.groups.map((group) => [group.key, group.responses])).toEqual([
        ['free', 2],
        ['pro', 1],
      ]);
      // A value over 200 characters is in no segment.
      const byPlan = await scores(site, `?groupBy=trait:plan${read}`);
      expect(byPlan.groups.map((group) => [group.key, group.responses])).toEqual([['team', 1]]);
    }
    const tooLong = await expectError(await getWithKey(testApp, `/v1/scores?trait.plan=${long}`, site.secretKey), 400, 'invalid_request');
    expect(tooLong).toBe('trait.plan: a value longer than 200 characters is in no segment; filter on a shorter one');
    await expectError(await getWithKey(testApp, `/v1/responses?trait.plan=${long}`, site.secretKey), 400, 'invalid_request');
    const proto = (await expectStatus(await getWithKey(testApp, '/v1/responses?trait.__proto__=b', site.secretKey), 200)) as {
      data: unknown[];
    };
    expect(proto.data).toHaveLength(1);
  });

  it('names the parameter that is wrong', async () => {
    const site = await newTestSite(testApp);
    const message = async (query: string) =>
      expectError(await getWithKey(testApp, `/v1/scores${query}`, site.secretKey), 400, 'invalid_request');
    expect(await message('?tz=Mars/Olympus')).toBe('tz: must be an IANA time zone such as Europe/Amsterdam');
    expect(await message('?interval=hour')).toBe('interval: must be day, week or month');
    expect(await message('?groupBy=plan')).toMatch(/^groupBy: must be account, locale, score or trait:NAME/);
  });

  it('keeps a margin on a few responses and flags them as few, at every level', async () => {
    const site = await newTestSite(testApp);
    const send = async (score: number, plan: string) =>
      expectStatus(
        await postJson(testApp, '/v1/responses', {
          siteKey: site.siteKey,
          id: randomUUID(),
          score,
          user: { userId: `u_${randomUUID()}`, traits: { plan } },
        }),
        201,
      );
    for (let i = 0; i < 3; i++) await send(0, 'free');
    const few = await scores(site, '?interval=day&groupBy=trait:plan');
    expect(few).toMatchObject({
      nps: -100,
      marginOfError: 56.6,
      confidenceInterval: { low: -100, high: 6.6 },
      responses: 3,
      lowSample: true,
    });
    expect(few.series.at(-1)).toMatchObject({ responses: 3, lowSample: true });
    expect(few.groups).toMatchObject([{ key: 'free', responses: 3, lowSample: true }]);
    const enough = await scores(site, '?interval=day&groupBy=trait:plan&minSample=3');
    expect(enough.lowSample).toBe(false);
    expect(enough.groups[0]!.lowSample).toBe(false);
    expect(await expectError(await getWithKey(testApp, '/v1/scores?minSample=0', site.secretKey), 400, 'invalid_request')).toMatch(
      /^minSample: /,
    );
  });

  it('marks the days, weeks and months that the range cuts as partial', async () => {
    const site = await newTestSite(testApp);
    // Wednesday 4 March to Friday 20 March: the first and last weeks are cut, the one between is whole.
    const weekly = await scores(site, '?from=2026-03-04&to=2026-03-20&interval=week');
    expect(weekly.series.map((point) => [point.start, point.partial])).toEqual([
      ['2026-03-02', true],
      ['2026-03-09', false],
      ['2026-03-16', true],
    ]);
    const monthly = await scores(site, '?from=2026-03-01&to=2026-04-30&interval=month');
    expect(monthly.series.map((point) => point.partial)).toEqual([false, false]);
    const cutMonths = await scores(site, '?from=2026-03-15&to=2026-04-30&interval=month&tz=Europe/Amsterdam');
    expect(cutMonths.series.map((point) => point.partial)).toEqual([true, false]);
    const daily = await scores(site, '?from=2026-03-04&to=2026-03-05&interval=day');
    expect(daily.series.map((point) => point.partial)).toEqual([false, false]);
  });

  it("shows a key its own site's responses only", async () => {
    const mine = await newTestSite(testApp);
    const theirs = await newTestSite(testApp);
    await respondMany(theirs, { 0: 5 });
    expect(await scores(mine)).toMatchObject({ responses: 0 });
    await expectError(await getWithKey(testApp, `/v1/scores?surveyId=${theirs.surveyId}`, mine.secretKey), 404, 'not_found');
  });

  it('refuses requests without a valid secret key', async () => {
    const site = await newTestSite(testApp);
    await expectError(await testApp.app.request('/v1/scores'), 401, 'unauthorized');
    await expectError(await getWithKey(testApp, '/v1/scores', `${site.secretKey}x`), 401, 'unauthorized');
    await expectError(await getWithKey(testApp, '/v1/scores', site.siteKey), 401, 'unauthorized');
  });
});
