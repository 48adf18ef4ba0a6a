import { randomUUID } from 'node:crypto';
import { userEligibilitySchema } from '@tenpoint/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectError,
  expectStatus,
  getWithKey,
  newTestSite,
  postJson,
  sendWithKey,
  startTestApp,
  type TestApp,
} from '../../../test/test-app.ts';
import { impressions, users } from '../../db/schema/index.ts';

const dayMs = 24 * 3600 * 1000;
const today = new Date('2026-03-01T09:00:00.000Z');
let clock = today;
let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({ now: () => clock });
});
afterAll(() => testApp.close());

async function seen(siteKey: string, user: object, at: Date) {
  clock = at;
  try {
    return (await expectStatus(await postJson(testApp, '/v1/eligibility', { siteKey, user }), 200)) as { eligible: boolean };
  } finally {
    clock = today;
  }
}

async function answered(siteKey: string, user: { userId: string }, score: number, at: Date) {
  clock = at;
  try {
    await expectStatus(await postJson(testApp, '/v1/responses', { siteKey, id: randomUUID(), user, score }), 201);
  } finally {
    clock = today;
  }
}

const eligibilityOf = async (secretKey: string, userId: string) =>
  userEligibilitySchema.parse(
    await expectStatus(await getWithKey(testApp, `/v1/users/${encodeURIComponent(userId)}/eligibility`, secretKey), 200),
  );

describe('GET /v1/users/:userId/eligibility', () => {
  it('says a person who answered 12 days ago is asked again 90 days after, in words and as a date, and changes nothing', async () => {
    const site = await newTestSite(testApp);
    const ann = { userId: 'ann', email: 'ann@acme.io', traits: { plan: 'pro' } };
    const answeredAt = new Date(today.getTime() - 12 * dayMs);
    await seen(site.siteKey, ann, answeredAt);
    await answered(site.siteKey, ann, 9, answeredAt);
    const [before] = await testApp.db.select().from(users).where(eq(users.siteId, site.siteId));
    const shownBefore = await testApp.db.select().from(impressions).where(eq(impressions.siteId, site.siteId));

    const answer = await eligibilityOf(site.secretKey, 'ann');
    expect(answer.userId).toBe('ann');
    expect(answer.surveys).toHaveLength(1);
    const [decision] = answer.surveys;
    expect(decision).toMatchObject({
      eligible: false,
      reason: 'recently_responded',
      changesAt: new Date(answeredAt.getTime() + 90 * dayMs).toISOString(),
      lastResponseAt: answeredAt.toISOString(),
    });
    expect(decision!.words).toBe('Answered 12 days ago (17 Feb 2026): asked again from 18 May 2026.');

    const [after] = await testApp.db.select().from(users).where(eq(users.siteId, site.siteId));
    expect(before).toBeDefined();
    expect(after).toEqual(before);
    expect(shownBefore).toHaveLength(1);
    expect(await testApp.db.select().from(impressions).where(eq(impressions.siteId, site.siteId))).toEqual(shownBefore);
  });

  it('says why a person is left out by targeting, and when one would be asked now', async () => {
    const site = await newTestSite(testApp);
    const [survey] = ((await expectStatus(await getWithKey(testApp, '/v1/surveys', site.secretKey), 200)) as { data: [{ id: string }] })
      .data;
    await expectStatus(
      await sendWithKey(testApp, 'PATCH', `/v1/surveys/${survey!.id}`, site.secretKey, {
        settings: { targeting: { include: [{ trait: 'plan', values: ['pro'] }] }, throttle: { daysAfterSignUp: 0 } },
      }),
      200,
    );
    await seen(site.siteKey, { userId: 'free-user', traits: { plan: 'free' } }, today);
    await seen(site.siteKey, { userId: 'pro-user', traits: { plan: 'pro' } }, new Date(today.getTime() - 30 * dayMs));

    const [left] = (await eligibilityOf(site.secretKey, 'free-user')).surveys;
    expect(left).toMatchObject({ eligible: false, reason: 'not_targeted', changesAt: null });
    expect(left!.words).toBe('Not targeted: the survey targets plan in [pro]. Asked once that changes.');
    // The first call showed it to pro-user 30 days ago, unanswered: asked again now.
    const [asked] = (await eligibilityOf(site.secretKey, 'pro-user')).surveys;
    expect(asked).toMatchObject({ eligible: true, reason: null, changesAt: null });
    expect(asked!.words).toBe('Would be asked now, on the next page that runs the widget.');
  });

  it('answers 404 for a person the site has never seen, and for another site’s person', async () => {
    const site = await newTestSite(testApp);
    const other = await newTestSite(testApp);
    await seen(other.siteKey, { userId: 'theirs' }, today);
    await expectError(await getWithKey(testApp, '/v1/users/nobody/eligibility', site.secretKey), 404, 'not_found');
    await expectError(await getWithKey(testApp, '/v1/users/theirs/eligibility', site.secretKey), 404, 'not_found');
  });
});

describe('GET /v1/users?email=', () => {
  it('finds a person by email, whatever its case, with their account, and 404s on an address nobody has', async () => {
    const site = await newTestSite(testApp);
    const account = { id: 'acme', name: 'Acme', traits: { tier: 'enterprise' } };
    await seen(site.siteKey, { userId: 'u_1', email: 'Ann@Acme.io', account }, today);
    const found = (await expectStatus(await getWithKey(testApp, '/v1/users?email=ann%40ACME.io', site.secretKey), 200)) as {
      user: { userId: string };
      account: unknown;
    };
    expect(found.user.userId).toBe('u_1');
    expect(found.account).toEqual({ accountId: 'acme', name: 'Acme', traits: { tier: 'enterprise' } });
    await expectError(await getWithKey(testApp, '/v1/users?email=nobody%40acme.io', site.secretKey), 404, 'not_found');
    await expectError(await getWithKey(testApp, '/v1/users?email=a%40b.c&userId=u_1', site.secretKey), 400, 'invalid_request');
    await expectError(await getWithKey(testApp, '/v1/users', site.secretKey), 400, 'invalid_request');
    const tooShort = await expectError(await getWithKey(testApp, '/v1/users?email=%25', site.secretKey), 400, 'invalid_request');
    expect(tooShort).toMatch(/^email: must be an email address/);
  });
});

describe('the page of a showing and of a dismissal', () => {
  it('is kept from the eligibility call that showed the survey, and given to the dismissal of that showing', async () => {
    const site = await newTestSite(testApp);
    const url = 'https://app.acme.io/invoices/42?tab=überblick';
    const user = { userId: 'page-user', createdAt: '2020-01-01' };
    const shown = (await expectStatus(await postJson(testApp, '/v1/eligibility', { siteKey: site.siteKey, user, url }), 200)) as {
      eligible: boolean;
      survey: { impressionId: string };
    };
    expect(shown.eligible).toBe(true);
    await expectStatus(
      await postJson(testApp, '/v1/declines', { siteKey: site.siteKey, user, impressionId: shown.survey.impressionId }),
      202,
    );
    const exported = (await expectStatus(await getWithKey(testApp, '/v1/users/page-user', site.secretKey), 200)) as {
      impressions: Array<{ url: string | null }>;
      declines: Array<{ url: string | null }>;
    };
    expect(exported.impressions.map((each) => each.url)).toEqual([url]);
    expect(exported.declines.map((each) => each.url)).toEqual([url]);
  });
});

describe('GET /v1/user-eligibility?userId= or ?email=', () => {
  it('reaches the ids a path cannot carry and finds a person by email, with the same decisions as the path form', async () => {
    const site = await newTestSite(testApp);
    await seen(site.siteKey, { userId: '..', email: 'Dots@Acme.io' }, today);
    const byId = await expectStatus(await getWithKey(testApp, '/v1/user-eligibility?userId=..', site.secretKey), 200);
    expect(userEligibilitySchema.parse(byId).userId).toBe('..');
    const byEmail = await expectStatus(await getWithKey(testApp, '/v1/user-eligibility?email=%20dots%40acme.io%20', site.secretKey), 200);
    expect(byEmail).toEqual(byId);
    await seen(site.siteKey, { userId: 'plain' }, today);
    expect(await expectStatus(await getWithKey(testApp, '/v1/user-eligibility?userId=plain', site.secretKey), 200)).toEqual(
      await expectStatus(await getWithKey(testApp, '/v1/users/plain/eligibility', site.secretKey), 200),
    );
    await expectError(await getWithKey(testApp, '/v1/user-eligibility?email=no%40acme.io', site.secretKey), 404, 'not_found');
    await expectError(await getWithKey(testApp, '/v1/user-eligibility?userId=nobody', site.secretKey), 404, 'not_found');
    await expectError(await getWithKey(testApp, '/v1/user-eligibility', site.secretKey), 400, 'invalid_request');
    await expectError(await getWithKey(testApp, '/v1/user-eligibility?userId=..&email=a%40b.io', site.secretKey), 400, 'invalid_request');
  });
});

describe('the words of a decision', () => {
  const patch = async (secretKey: string, settings: object) => {
    const [survey] = ((await expectStatus(await getWithKey(testApp, '/v1/surveys', secretKey), 200)) as { data: [{ id: string }] }).data;
    await expectStatus(await sendWithKey(testApp, 'PATCH', `/v1/surveys/${survey!.id}`, secretKey, { settings }), 200);
  };

  it('count calendar days, as the date beside them does: late yesterday is 1 day ago, a date to come is not "today"', async () => {
    const site = await newTestSite(testApp);
    const lateYesterday = new Date('2026-02-28T23:00:00.000Z');
    await seen(site.siteKey, { userId: 'late', createdAt: '2020-01-01' }, lateYesterday);
    await answered(site.siteKey, { userId: 'late' }, 9, lateYesterday);
    const [late] = (await eligibilityOf(site.secretKey, 'late')).surveys;
    expect(late!.words).toBe('Answered 1 day ago (28 Feb 2026): asked again from 29 May 2026.');

    await seen(site.siteKey, { userId: 'future', createdAt: '2199-12-31T23:59:59Z' }, today);
    const [future] = (await eligibilityOf(site.secretKey, 'future')).surveys;
    expect(future).toMatchObject({ reason: 'too_new' });
    expect(future!.words).toBe('Signed up on 31 Dec 2199, a date still to come: first asked from 30 Jan 2200.');
  });

  it('promise no change at 0% sampling, and count a cap of one as one time', async () => {
    const site = await newTestSite(testApp);
    await patch(site.secretKey, { sampling: { percent: 0 } });
    await seen(site.siteKey, { userId: 'never', createdAt: '2020-01-01' }, today);
    const [never] = (await eligibilityOf(site.secretKey, 'never')).surveys;
    expect(never).toMatchObject({ reason: 'not_sampled', changesAt: null });
    expect(never!.words).toBe('The survey samples 0% of people: nobody is asked until its sampling is raised.');

    const capped = await newTestSite(testApp);
    await patch(capped.secretKey, { dailyCap: 1 });
    await seen(capped.siteKey, { userId: 'first', createdAt: '2020-01-01' }, today);
    await seen(capped.siteKey, { userId: 'second', createdAt: '2020-01-01' }, today);
    const [second] = (await eligibilityOf(capped.secretKey, 'second')).surveys;
    expect(second).toMatchObject({ reason: 'daily_cap' });
    expect(second!.words).toMatch(/^The survey was shown 1 time today, its daily cap: shown again from 2 Mar 2026/);
  });
});
