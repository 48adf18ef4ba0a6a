import { randomUUID } from 'node:crypto';
import { responsesPageSchema, scoresAnswerSchema } from '@tenpoint/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, getWithKey, newTestSite, postJson, startTestApp, type TestApp } from '../../test/test-app.ts';
import { sites, webhookDeliveries } from '../db/schema/index.ts';
import { foldTallies } from '../scores/tally-folder.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({ allowPrivateWebhooks: true });
});
afterAll(() => testApp.close());

type Site = Awaited<ReturnType<typeof newTestSite>>;

async function subscribe(site: Site) {
  const body = JSON.stringify({ url: 'http://127.0.0.1:9/tenpoint', events: ['response.created', 'decline.created'] });
  const answer = await testApp.app.request('/v1/webhooks', {
    method: 'POST',
    headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
    body,
  });
  await expectStatus(answer, 201);
}

/** What the widget sends for a survey shown by `tenpoint('show')`: an impression, a response, a decline. */
async function useTheSurvey(site: Site, test: boolean | undefined, score: number) {
  const user = { userId: `u_${randomUUID()}` };
  const flag = test === undefined ? {} : { test };
  await expectStatus(await postJson(testApp, '/v1/impressions', { siteKey: site.siteKey, user, ...flag }), 202);
  await expectStatus(
    await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id: randomUUID(), user, score, comment: 'hello', ...flag }),
    201,
  );
  await expectStatus(
    await postJson(testApp, '/v1/declines', { siteKey: site.siteKey, user: { userId: `u_${randomUUID()}` }, ...flag }),
    202,
  );
}

const scores = async (site: Site, query = '') =>
  scoresAnswerSchema.parse(await expectStatus(await getWithKey(testApp, `/v1/scores${query}`, site.secretKey), 200));
const responses = async (site: Site, query = '') =>
  responsesPageSchema.parse(await expectStatus(await getWithKey(testApp, `/v1/responses${query}`, site.secretKey), 200));
const deliveries = (site: Site) => testApp.db.$count(webhookDeliveries, eq(webhookDeliveries.siteId, site.siteId));

describe('responses, declines and impressions recorded in test mode', () => {
  it('stay out of scores, response rate and webhooks unless asked for, and are marked as test', async () => {
    const site = await newTestSite(testApp);
    await subscribe(site);
    await testApp.db.update(sites).set({ testMode: true }).where(eq(sites.id, site.siteId));
    await useTheSurvey(site, undefined, 10);
    const liveDeliveries = await deliveries(site);
    expect(liveDeliveries).toBe(2);
    await useTheSurvey(site, true, 0);
    await useTheSurvey(site, true, 0);
    // The eligibility check of show() records its impression as a test one too.
    const shown = await postJson(testApp, '/v1/eligibility', { siteKey: site.siteKey, user: { userId: `u_${randomUUID()}` }, show: true });
    expect((await expectStatus(shown, 200)) as { eligible: boolean }).toMatchObject({ eligible: true });
    await foldTallies(testApp.db);

    expect(await scores(site)).toMatchObject({ responses: 1, nps: 100, declines: 1, impressions: 1, usersShown: 1, responseRate: 1 });
    expect(await scores(site, '?interval=day&groupBy=score')).toMatchObject({ responses: 1, groups: [{ key: '10', responses: 1 }] });
    expect(await scores(site, '?includeTest=true')).toMatchObject({ responses: 3, detractors: 2, declines: 3, impressions: 4 });
    expect(await deliveries(site)).toBe(liveDeliveries);

    const live = await responses(site);
    expect(live.data.map((response) => [response.score, response.test])).toEqual([[10, false]]);
    const all = await responses(site, '?includeTest=true');
    expect(all.data.map((response) => [response.score, response.test]).sort()).toEqual([
      [0, true],
      [0, true],
      [10, false],
    ]);
  });

  it('count as live ones when the site is not in test mode', async () => {
    const site = await newTestSite(testApp);
    await useTheSurvey(site, true, 9);
    await foldTallies(testApp.db);
    expect(await scores(site)).toMatchObject({ responses: 1, declines: 1, impressions: 1 });
    expect((await responses(site)).data.map((response) => response.test)).toEqual([false]);
    const [row] = await testApp.db
      .select()
      .from(sites)
      .where(and(eq(sites.id, site.siteId)));
    expect(row!.testMode).toBe(false);
  });
});
