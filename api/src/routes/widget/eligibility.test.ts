import { eligibilityAnswerSchema } from '@tenpoint/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUser, expectError, expectStatus, newTestSite, postJson, startTestApp, type TestApp, testOrigin } from '../../../test/test-app.ts';
import { surveys, users } from '../../db/schema/index.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

const askEligibility = async (body: unknown, headers?: Record<string, string>) =>
  eligibilityAnswerSchema.parse(await expectStatus(await postJson(testApp, '/v1/eligibility', body, headers), 200));

describe('POST /v1/eligibility', () => {
  it("answers with the site's default NPS survey, worded with the product's name", async () => {
    const site = await newTestSite(testApp);
    const answer = await askEligibility({ siteKey: site.siteKey, user: aUser() });
    if (!answer.eligible) throw new Error(`expected eligible, got ${answer.reason}`);
    expect(answer.survey).toMatchObject({ id: site.surveyId, type: 'nps', locale: 'en', dir: 'ltr', scale: { min: 0, max: 10 } });
    expect(answer.survey.strings.question).toMatch(/^How likely are you to recommend Site \w+ to a friend or colleague\?$/);
  });

  it("words the survey in the user's language, falling back from region to language", async () => {
    const site = await newTestSite(testApp);
    const dutch = await askEligibility({ siteKey: site.siteKey, user: { ...aUser(), locale: 'nl-BE' } });
    expect(dutch.eligible && dutch.survey.locale).toBe('nl');
    const fromBrowser = await askEligibility({ siteKey: site.siteKey, user: aUser() }, { 'Accept-Language': 'de-AT,de;q=0.9' });
    expect(fromBrowser.eligible && fromBrowser.survey.strings.submit).toBe('Senden');
  });

  it('records the user and their account, merging traits and keeping the sign-up date', async () => {
    const site = await newTestSite(testApp);
    const user = { userId: 'u_42', createdAt: '2025-01-31T10:00:00Z', account: { id: 'acme', name: 'Acme BV' }, traits: { plan: 'pro' } };
    await askEligibility({ siteKey: site.siteKey, user });
    await askEligibility({ siteKey: site.siteKey, user: { userId: 'u_42', createdAt: 1_800_000_000, traits: { role: 'admin' } } });
    const [stored] = await testApp.db
      .select()
      .from(users)
      .where(and(eq(users.siteId, site.siteId), eq(users.userId, 'u_42')));
    expect(stored).toMatchObject({ accountId: 'acme', traits: { plan: 'pro', role: 'admin' } });
    expect(stored?.signedUpAt?.toISOString()).toBe('2025-01-31T10:00:00.000Z');
  });

  it('says survey_off when the vendor switched the survey off', async () => {
    const site = await newTestSite(testApp);
    await testApp.db.update(surveys).set({ enabled: false }).where(eq(surveys.id, site.surveyId));
    expect(await askEligibility({ siteKey: site.siteKey, user: aUser() })).toMatchObject({ eligible: false, reason: 'survey_off' });
  });

  it('refuses a survey of another site', async () => {
    const site = await newTestSite(testApp);
    const other = await newTestSite(testApp);
    const message = await expectError(
      await postJson(testApp, '/v1/eligibility', { siteKey: site.siteKey, surveyId: other.surveyId, user: aUser() }),
      404,
      'not_found',
    );
    expect(message).toBe(`surveyId: no survey ${other.surveyId} on this site`);
  });

  it('names the field when the user is malformed', async () => {
    const site = await newTestSite(testApp);
    const message = await expectError(
      await postJson(testApp, '/v1/eligibility', { siteKey: site.siteKey, user: { userId: 42 } }),
      400,
      'invalid_request',
    );
    expect(message).toBe('user.userId: must be a string');
  });

  it('says in words what is wrong with a sign-up date in seconds or a trait too long, as for the ISO form', async () => {
    const site = await newTestSite(testApp);
    const refusal = async (user: object) =>
      expectError(await postJson(testApp, '/v1/eligibility', { siteKey: site.siteKey, user }), 400, 'invalid_request');
    for (const createdAt of [1e20, -1, '0001-01-01', '9999-12-31'])
      expect(await refusal({ userId: 'u_1', createdAt })).toBe('user.createdAt: must be a date between 1970 and 2200');
    expect(await refusal({ userId: 'u_1', traits: { note: 'x'.repeat(1001) } })).toBe('user.traits.note: must be at most 1000 characters');
  });

  it("accepts calls only from the site's allowed origins; preflights say nothing of them", async () => {
    const site = await newTestSite(testApp);
    const allowed = await postJson(testApp, '/v1/eligibility', { siteKey: site.siteKey, user: aUser() });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(testOrigin);
    const preflight = (origin: string) =>
      testApp.app.request('/v1/eligibility', { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } });
    expect((await preflight(testOrigin)).headers.get('access-control-allow-origin')).toBe(testOrigin);
    expect((await preflight('https://never-allowed.example')).headers.get('access-control-allow-origin')).toBe(
      'https://never-allowed.example',
    );
    const refused = await postJson(
      testApp,
      '/v1/eligibility',
      { siteKey: site.siteKey, user: aUser() },
      { Origin: 'https://never-allowed.example' },
    );
    expect(await expectError(refused, 403, 'forbidden')).toMatch(/^Origin: https:\/\/never-allowed\.example is not allowed/);
  });
});
