import { randomUUID } from 'node:crypto';
import { scoresAnswerSchema } from '@tenpoint/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declines, impressions } from '../../db/schema/index.ts';
import { expectError, expectStatus, getWithKey, newTestSite, postJson, startTestApp, type TestApp } from '../../../test/test-app.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

type Site = Awaited<ReturnType<typeof newTestSite>>;

async function answer(site: Site, score: number, userId = `u_${randomUUID()}`) {
  const body = { siteKey: site.siteKey, id: randomUUID(), user: { userId }, score };
  await expectStatus(await postJson(testApp, '/v1/responses', body), 201);
}

async function answerMany(site: Site, counts: Record<number, number>) {
  for (const [score, times] of Object.entries(counts)) {
    for (let i = 0; i < times; i++) await answer(site, Number(score));
  }
}

const scores = async (site: Site, query = '') =>
  scoresAnswerSchema.parse(await expectStatus(await getWithKey(testApp, `/v1/scores${query}`, site.secretKey), 200));

describe('GET /v1/scores', () => {
  it('computes NPS 17 from 23 detractors, 37 passives and 40 promoters', async () => {
    const site = await newTestSite(testApp);
    await answerMany(site, { 0: 3, 6: 20, 7: 17, 8: 20, 9: 15, 10: 25 });
    const result = await scores(site);
    expect(result).toMatchObject({ type: 'nps', nps: 17, marginOfError: 15.2, responses: 100, detractors: 23, passives: 37, promoters: 40 });
  });

  it('counts declines beside the score, never in its denominator', async () => {
    const site = await newTestSite(testApp);
    await answerMany(site, { 10: 1, 0: 1, 9: 2 });
    for (const userId of ['a', 'b', 'c']) {
      await expectStatus(await postJson(testApp, '/v1/declines', { siteKey: site.siteKey, user: { userId } }), 202);
    }
    const result = await scores(site);
    expect(result).toMatchObject({ nps: 50, responses: 4, declines: 3 });
  });

  it('reports the share of users shown the survey who answered', async () => {
    const site = await newTestSite(testApp);
    for (const userId of ['a', 'b', 'c', 'd']) {
      await expectStatus(await postJson(testApp, '/v1/impressions', { siteKey: site.siteKey, user: { userId } }), 202);
    }
    await answer(site, 9, 'a');
    expect(await scores(site)).toMatchObject({ impressions: 4, responseRate: 0.25 });
  });

  it('has no score and no rate before anyone answers', async () => {
    const site = await newTestSite(testApp);
    expect(await scores(site)).toMatchObject({ nps: null, marginOfError: null, responses: 0, responseRate: null });
  });

  it('limits the counts to the date range', async () => {
    const site = await newTestSite(testApp);
    await answer(site, 10);
    await testApp.db.insert(declines).values({ id: randomUUID(), siteId: site.siteId, surveyId: site.surveyId, userId: 'old', createdAt: new Date('2020-05-01T12:00:00Z') });
    await testApp.db.insert(impressions).values({ id: randomUUID(), siteId: site.siteId, surveyId: site.surveyId, userId: 'old', shownAt: new Date('2020-05-01T12:00:00Z') });
    expect(await scores(site, '?from=2020-05-01&to=2020-05-01')).toMatchObject({ responses: 0, declines: 1, impressions: 1 });
    expect(await scores(site, '?from=2020-05-02')).toMatchObject({ responses: 1, declines: 0, impressions: 0 });
    await expectError(await getWithKey(testApp, '/v1/scores?from=yesterday', site.secretKey), 400, 'invalid_request');
    await expectError(await getWithKey(testApp, '/v1/scores?from=2021-01-02&to=2021-01-01', site.secretKey), 400, 'invalid_request');
  });

  it("shows a key its own site's answers only", async () => {
    const mine = await newTestSite(testApp);
    const theirs = await newTestSite(testApp);
    await answerMany(theirs, { 0: 5 });
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
