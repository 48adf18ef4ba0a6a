import { randomUUID } from 'node:crypto';
import { scoresAnswerSchema } from '@tenpoint/shared';
import { bandOf } from '@tenpoint/shared/scores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, getWithKey, newTestSite, startTestApp, type TestApp } from '../../../test/test-app.ts';
import { responses } from '../../db/schema/index.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({ now: () => new Date('2026-03-20T12:00:00Z') });
});
afterAll(() => testApp.close());

type Site = Awaited<ReturnType<typeof newTestSite>>;

/** `times` answers of each score on one day, at noon UTC, with the user trait `plan`. */
async function answer(site: Site, day: string, counts: Record<number, number>, plan = 'pro') {
  const rows = Object.entries(counts).flatMap(([score, times]) =>
    Array.from({ length: times }, () => ({
      siteId: site.siteId,
      id: randomUUID(),
      surveyId: site.surveyId,
      userId: `u_${randomUUID()}`,
      score: Number(score),
      band: bandOf('nps', Number(score)),
      createdAt: new Date(`${day}T12:00:00Z`),
      userTraits: { plan },
    })),
  );
  await testApp.db.insert(responses).values(rows);
}

const scores = async (site: Site, query: string) => {
  const answer = scoresAnswerSchema.parse(await expectStatus(await getWithKey(testApp, `/v1/scores${query}`, site.secretKey), 200));
  if (answer.type !== 'nps') throw new Error(`expected an NPS answer, got ${answer.type}`);
  return answer;
};

describe('GET /v1/scores against the previous period', () => {
  it('compares a week with the week before: NPS 0 → 37.5, more than chance', async () => {
    const site = await newTestSite(testApp);
    // The week before (1–7 March): 10 promoters, 20 passives, 10 detractors, NPS 0.
    await answer(site, '2026-03-03', { 10: 10, 8: 20, 0: 10 });
    // The week asked (8–14 March): 20, 15, 5: NPS (20 − 5)/40 = 37.5.
    await answer(site, '2026-03-10', { 9: 20, 7: 15, 3: 5 });
    // Outside both weeks: counted in neither.
    await answer(site, '2026-02-28', { 0: 30 });
    await answer(site, '2026-03-15', { 0: 30 });
    const result = await scores(site, '?from=2026-03-08&to=2026-03-14');
    expect(result).toMatchObject({ nps: 37.5, responses: 40 });
    expect(result.previous).toMatchObject({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-08T00:00:00.000Z',
      nps: 0,
      responses: 40,
      promoters: 10,
      passives: 20,
      detractors: 10,
    });
    // Adjusted Wald: before m = 43, p = d = 0.25, variance 0.5/43 = 0.011628; now p = 20.75/43, d = 5.75/43,
    // variance (26.5/43 − (15/43)²)/43 = 0.011502. Margin 1.96·√0.02313 = 0.2981: 29.8 points < 37.5.
    expect(result.change).toEqual({ points: 37.5, marginOfError: 29.8, significant: true, words: 'up 37.5 points, more than chance' });
    expect(result.changeReason).toBeNull();
  });

  it('finds a small move within the margin, per segment too', async () => {
    const site = await newTestSite(testApp);
    // Pro: 12/20/8 → 14/18/8 (NPS 10 → 15; margin 1.96·√(0.011472 + 0.012213) = 30.2). Free: 5 answers before, 40 now.
    await answer(site, '2026-03-02', { 10: 12, 7: 20, 6: 8 });
    await answer(site, '2026-03-09', { 10: 14, 7: 18, 6: 8 });
    await answer(site, '2026-03-02', { 10: 5 }, 'free');
    await answer(site, '2026-03-09', { 10: 40 }, 'free');
    const result = await scores(site, '?from=2026-03-08&to=2026-03-14&groupBy=trait:plan&minSample=10');
    const pro = result.groups.find((group) => group.key === 'pro');
    const free = result.groups.find((group) => group.key === 'free');
    expect(pro?.change).toEqual({ points: 5, marginOfError: 30.2, significant: false, words: 'up 5 points, within the margin' });
    expect(free).toMatchObject({ change: null, changeReason: 'fewer than 10 responses in the previous period (5)' });
  });

  it('says why there is no change: no start, nothing before, or too few answers', async () => {
    const site = await newTestSite(testApp);
    await answer(site, '2026-03-10', { 10: 40 });
    expect(await scores(site, '')).toMatchObject({ previous: null, change: null, changeReason: expect.stringMatching(/from/) });
    expect(await scores(site, '?from=2026-03-08&to=2026-03-14')).toMatchObject({
      previous: { responses: 0, nps: null },
      change: null,
      changeReason: 'no responses in the previous period',
    });
    await answer(site, '2026-03-03', { 0: 3 });
    expect(await scores(site, '?from=2026-03-08&to=2026-03-14')).toMatchObject({
      change: null,
      changeReason: 'fewer than 30 responses in the previous period (3)',
    });
  });

  it('takes a range without `to` as ending now, and the previous period as long', async () => {
    const site = await newTestSite(testApp);
    // The clock is 20 March 12:00; from 15 March: 5.5 days, so the previous period starts 9 March 12:00.
    const result = await scores(site, '?from=2026-03-15');
    expect(result.previous).toMatchObject({ from: '2026-03-09T12:00:00.000Z', to: '2026-03-15T00:00:00.000Z' });
  });
});

describe('GET /v1/scores with a range that starts after now', () => {
  it('has no previous period to compare with, and says so', async () => {
    const site = await newTestSite(testApp);
    // The clock is 20 March 2026: a range from 2030 without `to` ends before it starts.
    const result = await scores(site, '?from=2030-01-01');
    expect(result).toMatchObject({ responses: 0, previous: null, change: null, changeReason: expect.stringMatching(/after now/) });
  });
});
