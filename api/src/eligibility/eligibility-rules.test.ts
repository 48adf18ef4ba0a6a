import { randomUUID } from 'node:crypto';
import { type EligibilityAnswer, eligibilityAnswerSchema, type SurveySettings } from '@tenpoint/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectStatus, getWithKey, newTestSite, postJson, startTestApp, type TestApp } from '../../test/test-app.ts';
import { declines, impressions, sites, surveys } from '../db/schema/index.ts';

const dayMs = 24 * 60 * 60 * 1000;
let now: Date;
let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({ now: () => now });
});
afterAll(() => testApp.close());
beforeEach(() => {
  now = new Date('2026-06-01T12:00:00Z');
});

type Site = Awaited<ReturnType<typeof newTestSite>>;
type DeepPartial<T> = { [K in keyof T]?: T[K] extends object | null ? DeepPartial<T[K]> | null : T[K] };

const passDays = (days: number) => {
  now = new Date(now.getTime() + days * dayMs);
};
const longAgo = '2025-01-01T00:00:00Z';
const aUser = (extra: Record<string, unknown> = {}) => ({ userId: `u_${randomUUID().slice(0, 8)}`, createdAt: longAgo, ...extra });

async function siteWith(settings: DeepPartial<SurveySettings>) {
  const site = await newTestSite(testApp);
  await testApp.db.update(surveys).set({ settings }).where(eq(surveys.id, site.surveyId));
  return site;
}

async function ask(site: Site, user: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<EligibilityAnswer> {
  const response = await postJson(testApp, '/v1/eligibility', { siteKey: site.siteKey, user, ...extra });
  return eligibilityAnswerSchema.parse(await expectStatus(response, 200));
}

const reasonOf = (answer: EligibilityAnswer) => (answer.eligible ? 'eligible' : answer.reason);

async function respond(site: Site, user: Record<string, unknown>, score = 8) {
  await expectStatus(await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id: randomUUID(), user, score }), 201);
}

describe('eligibility throttles, per user and decided by the server', () => {
  it('waits 30 days after sign-up before the first survey, and says until when', async () => {
    const site = await siteWith({});
    const user = aUser({ createdAt: new Date(now.getTime() - 10 * dayMs).toISOString() });
    const answer = await ask(site, user);
    expect(answer).toMatchObject({ eligible: false, reason: 'too_new', retryAfter: 20 * 24 * 3600 });
    passDays(20);
    expect(reasonOf(await ask(site, user))).toBe('eligible');
  });

  it('takes createdAt as Unix seconds too, and ignores the rule when there is none', async () => {
    const site = await siteWith({});
    expect(reasonOf(await ask(site, aUser({ createdAt: Math.floor(now.getTime() / 1000) - 3600 })))).toBe('too_new');
    expect(reasonOf(await ask(site, { userId: `u_${randomUUID()}` }))).toBe('eligible');
  });

  it('asks again only 90 days after a response', async () => {
    const site = await siteWith({});
    const user = aUser();
    await respond(site, user);
    expect(await ask(site, user)).toMatchObject({ reason: 'recently_responded', retryAfter: 90 * 24 * 3600 });
    passDays(89);
    expect(reasonOf(await ask(site, user))).toBe('recently_responded');
    passDays(1);
    expect(reasonOf(await ask(site, user))).toBe('eligible');
  });

  it('asks again only 30 days after a decline, and the vendor can change that', async () => {
    const site = await siteWith({ throttle: { daysAfterDecline: 7 } });
    const user = aUser();
    await expectStatus(await postJson(testApp, '/v1/declines', { siteKey: site.siteKey, user }), 202);
    expect(await ask(site, user)).toMatchObject({ reason: 'recently_declined', retryAfter: 7 * 24 * 3600 });
    passDays(7);
    expect(reasonOf(await ask(site, user))).toBe('eligible');
  });

  it('does not show an ignored survey again for 24 hours, and takes 3 ignored impressions as a decline', async () => {
    const site = await siteWith({});
    const user = aUser();
    for (let impression = 1; impression <= 2; impression++) {
      expect(reasonOf(await ask(site, user)), `impression ${impression}`).toBe('eligible');
      expect(await ask(site, user)).toMatchObject({ reason: 'recently_shown', retryAfter: 24 * 3600 });
      passDays(1);
    }
    expect(reasonOf(await ask(site, user)), 'impression 3').toBe('eligible');
    expect(await ask(site, user)).toMatchObject({ reason: 'recently_declined', retryAfter: 30 * 24 * 3600 });
    passDays(30);
    expect(reasonOf(await ask(site, user))).toBe('eligible');
  });

  it('skips the throttles for show() while the site is in test mode, and only then', async () => {
    const site = await siteWith({});
    const user = aUser();
    await respond(site, user);
    expect(reasonOf(await ask(site, user, { show: true }))).toBe('recently_responded');
    await testApp.db.update(sites).set({ testMode: true }).where(eq(sites.id, site.siteId));
    expect(reasonOf(await ask(site, user, { show: true }))).toBe('eligible');
  });
});

describe('eligibility sampling, caps, targeting and triggers', () => {
  it('samples a share of users and gives each the same answer on every reload', async () => {
    const site = await siteWith({ sampling: { percent: 40 } });
    const users = Array.from({ length: 150 }, () => aUser());
    const first = await Promise.all(users.map((user) => ask(site, user).then(reasonOf)));
    const sampled = first.filter((reason) => reason === 'eligible').length;
    expect(sampled).toBeGreaterThan(35);
    expect(sampled).toBeLessThan(85);
    const outside = users.filter((_, index) => first[index] === 'not_sampled');
    const again = await Promise.all(outside.map((user) => ask(site, user).then(reasonOf)));
    expect(new Set(again)).toEqual(new Set(['not_sampled']));
  });

  it('stops at the daily cap and starts again the next day', async () => {
    const site = await siteWith({ dailyCap: 2 });
    expect(reasonOf(await ask(site, aUser()))).toBe('eligible');
    expect(reasonOf(await ask(site, aUser()))).toBe('eligible');
    expect(await ask(site, aUser())).toMatchObject({ reason: 'daily_cap', retryAfter: 12 * 3600 });
    passDays(1);
    expect(reasonOf(await ask(site, aUser()))).toBe('eligible');
  });

  it('asks at most N users of one account per period', async () => {
    const site = await siteWith({ accountCap: { users: 2, days: 30 } });
    const colleague = () => aUser({ account: { id: 'acme' } });
    expect(reasonOf(await ask(site, colleague()))).toBe('eligible');
    expect(reasonOf(await ask(site, colleague()))).toBe('eligible');
    const third = await ask(site, colleague());
    expect(third).toMatchObject({ reason: 'recently_shown', retryAfter: 30 * 24 * 3600 });
    expect(!third.eligible && third.detail).toMatch(/2 users of this account/);
    expect(reasonOf(await ask(site, aUser({ account: { id: 'globex' } })))).toBe('eligible');
  });

  it('targets by user and account traits and leaves out staff email domains', async () => {
    const site = await siteWith({
      targeting: {
        include: [
          { trait: 'role', values: ['admin'] },
          { trait: 'account.plan', values: ['pro', 'enterprise'] },
        ],
        excludeEmailDomains: ['ledgerly.example'],
      },
    });
    const pro = { id: 'acme', traits: { plan: 'pro' } };
    expect(reasonOf(await ask(site, aUser({ traits: { role: 'admin' }, account: pro })))).toBe('eligible');
    expect(reasonOf(await ask(site, aUser({ traits: { role: 'viewer' }, account: pro })))).toBe('not_targeted');
    expect(reasonOf(await ask(site, aUser({ traits: { role: 'admin' }, account: { id: 'tiny', traits: { plan: 'free' } } })))).toBe(
      'not_targeted',
    );
    const staff = await ask(site, aUser({ email: 'ops@ledgerly.example', traits: { role: 'admin' }, account: pro }));
    expect(staff).toMatchObject({
      reason: 'not_targeted',
      detail: 'this user is not targeted: the survey excludes email addresses at ledgerly.example',
    });
  });

  it('leaves out users without createdAt when the survey asks for it', async () => {
    const site = await siteWith({ targeting: { requireCreatedAt: true } });
    expect(reasonOf(await ask(site, { userId: `u_${randomUUID()}` }))).toBe('not_targeted');
    expect(reasonOf(await ask(site, aUser()))).toBe('eligible');
  });

  it('shows a triggered survey only right after its event', async () => {
    const site = await siteWith({ triggerEvent: 'invoice_sent' });
    const user = aUser();
    expect(reasonOf(await ask(site, user))).toBe('no_trigger');
    expect(reasonOf(await ask(site, user, { event: 'logged_in' }))).toBe('no_trigger');
    expect(reasonOf(await ask(site, user, { event: 'invoice_sent' }))).toBe('eligible');
  });
});

describe('one impression at a time', () => {
  it('shows the survey to one of several tabs asking at once, and records that impression once', async () => {
    const site = await siteWith({});
    // The race is a matter of timing: several rounds make a lost update show up reliably.
    for (let round = 0; round < 12; round++) {
      const user = aUser();
      const answers = await Promise.all(Array.from({ length: 8 }, () => ask(site, user)));
      expect(answers.map(reasonOf).sort(), `round ${round}`).toEqual(['eligible', ...Array(7).fill('recently_shown')]);
      const shown = await testApp.db
        .select()
        .from(impressions)
        .where(and(eq(impressions.siteId, site.siteId), eq(impressions.userId, user.userId)));
      expect(shown).toHaveLength(1);
    }
  });

  it('records the impression and the decline of an impression once, however often they are sent', async () => {
    const site = await siteWith({});
    const user = aUser();
    const answer = await ask(site, user);
    if (!answer.eligible) throw new Error(answer.reason);
    const shown = { siteKey: site.siteKey, user, impressionId: answer.survey.impressionId };
    for (let i = 0; i < 3; i++) {
      await expectStatus(await postJson(testApp, '/v1/impressions', shown), 202);
      await expectStatus(await postJson(testApp, '/v1/declines', shown), 202);
    }
    const where = (table: typeof impressions | typeof declines) => and(eq(table.siteId, site.siteId), eq(table.userId, user.userId));
    expect(await testApp.db.select().from(impressions).where(where(impressions))).toHaveLength(1);
    expect(await testApp.db.select().from(declines).where(where(declines))).toHaveLength(1);
  });

  it('counts each user once a round in the response rate, however often they were shown', async () => {
    const site = await siteWith({});
    const [patient, ignorer, decliner, latecomer] = [aUser(), aUser(), aUser(), aUser()];
    const showTo = async (user: Record<string, unknown>) => {
      const answer = await ask(site, user);
      if (!answer.eligible) throw new Error(answer.reason);
      return answer.survey.impressionId;
    };
    await showTo(patient);
    await showTo(ignorer);
    const closed = await showTo(decliner);
    await expectStatus(await postJson(testApp, '/v1/declines', { siteKey: site.siteKey, user: decliner, impressionId: closed }), 202);
    passDays(2);
    await showTo(patient);
    await respond(site, patient);
    passDays(31);
    await showTo(decliner);
    await respond(site, decliner);
    // Shown through the widget's own call, without asking for eligibility first.
    // Four times: the fourth follows three ignored impressions, which count as a decline.
    for (let i = 0; i < 4; i++)
      await expectStatus(await postJson(testApp, '/v1/impressions', { siteKey: site.siteKey, user: latecomer }), 202);

    const scores = await expectStatus(await getWithKey(testApp, '/v1/scores', site.secretKey), 200);
    // Rounds: the patient's (2 impressions), the ignorer's, the decliner's two, the latecomer's two (4 impressions).
    expect(scores).toMatchObject({ responses: 2, declines: 1, impressions: 9, usersShown: 6, responseRate: 2 / 6 });
  });
});
