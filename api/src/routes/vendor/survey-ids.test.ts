import { randomUUID } from 'node:crypto';
import { accountsAnswerSchema, responsesPageSchema, scoresAnswerSchema, surveySchema } from '@tenpoint/shared';
import { bandOf, type SurveyType } from '@tenpoint/shared/scores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus, getWithKey, newTestSite, sendWithKey, startTestApp, type TestApp } from '../../../test/test-app.ts';
import { responses } from '../../db/schema/index.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

type Site = Awaited<ReturnType<typeof newTestSite>>;

async function newSurvey(site: Site, type: SurveyType) {
  const body = { type, name: `${type} ${randomUUID().slice(0, 6)}`, productName: 'Acme' };
  return surveySchema.parse(await expectStatus(await sendWithKey(testApp, 'POST', '/v1/surveys', site.secretKey, body), 201)).id;
}

async function respond(site: Site, surveyId: string, type: SurveyType, scores: number[]) {
  await testApp.db.insert(responses).values(
    scores.map((score) => ({
      siteId: site.siteId,
      id: randomUUID(),
      surveyId,
      userId: `u_${randomUUID()}`,
      score,
      band: bandOf(type, score),
      accountId: 'acme',
      createdAt: new Date('2026-04-10T12:00:00Z'),
    })),
  );
}

const get = (site: Site, path: string) => getWithKey(testApp, path, site.secretKey);

describe('surveyIds: one score over several surveys of one type', () => {
  it('adds up two NPS surveys in scores, responses, the CSV export and accounts', async () => {
    const site = await newTestSite(testApp);
    const other = await newSurvey(site, 'nps');
    // Default survey: 2 promoters; the other: 1 promoter, 1 detractor. Together: 3 − 1 of 4 = NPS 50.
    await respond(site, site.surveyId, 'nps', [10, 9]);
    await respond(site, other, 'nps', [10, 0]);
    const ids = `surveyIds=${site.surveyId},${other.toUpperCase()}`;
    const scores = scoresAnswerSchema.parse(await expectStatus(await get(site, `/v1/scores?${ids}`), 200));
    expect(scores).toMatchObject({ type: 'nps', nps: 50, responses: 4, surveyId: site.surveyId, surveyIds: [site.surveyId, other] });
    const page = responsesPageSchema.parse(await expectStatus(await get(site, `/v1/responses?${ids}`), 200));
    expect(new Set(page.data.map((response) => response.surveyId))).toEqual(new Set([site.surveyId, other]));
    expect(page.data).toHaveLength(4);
    const csv = await (await get(site, `/v1/responses.csv?${ids}`)).text();
    expect(csv.trim().split('\n')).toHaveLength(5);
    const accounts = accountsAnswerSchema.parse(
      await expectStatus(await get(site, `/v1/accounts?${ids}&from=2026-04-01&to=2026-04-30&minSample=1`), 200),
    );
    expect(accounts.data).toMatchObject([{ accountId: 'acme', responses: 4, nps: 50 }]);
  });

  it('refuses mixed types, unknown ids and another site’s surveys alike, in the one error shape', async () => {
    const site = await newTestSite(testApp);
    const stranger = await newTestSite(testApp);
    const csat = await newSurvey(site, 'csat');
    const unknown = randomUUID();
    for (const path of ['/v1/scores', '/v1/responses', '/v1/responses.csv', '/v1/accounts']) {
      const mixed = await expectError(await get(site, `${path}?surveyIds=${site.surveyId},${csat}`), 400, 'invalid_request');
      expect(mixed).toMatch(/^surveyIds: one score needs surveys of one type/);
      const missing = await expectError(await get(site, `${path}?surveyIds=${site.surveyId},${unknown}`), 400, 'invalid_request');
      expect(missing).toBe(`surveyIds: no survey ${unknown} on this site`);
      // Another tenant's survey answers exactly as an unknown id does: nothing of it shows.
      const foreign = await expectError(await get(site, `${path}?surveyIds=${stranger.surveyId}`), 400, 'invalid_request');
      expect(foreign).toBe(`surveyIds: no survey ${stranger.surveyId} on this site`);
      const both = await expectError(
        await get(site, `${path}?surveyId=${site.surveyId}&surveyIds=${site.surveyId}`),
        400,
        'invalid_request',
      );
      expect(both).toMatch(/^surveyIds: give surveyId or surveyIds/);
      expect(await expectError(await get(site, `${path}?surveyIds=a,b`), 400, 'invalid_request')).toMatch(/^surveyIds: /);
    }
  });
});
