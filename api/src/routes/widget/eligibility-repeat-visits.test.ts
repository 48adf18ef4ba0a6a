import { randomUUID } from 'node:crypto';
import { type EligibilityAnswer, eligibilityAnswerSchema, type SurveySettings } from '@tenpoint/shared';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectStatus, metricValue, newTestSite, postJson, startTestApp, type TestApp } from '../../../test/test-app.ts';
import { queryRows } from '../../db/query-rows.ts';
import { surveys } from '../../db/schema/index.ts';

const minuteMs = 60 * 1000;
let now: Date;
let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({ now: () => now, metrics: true });
});
afterAll(() => testApp.close());
beforeEach(() => {
  now = new Date('2026-06-01T12:00:00Z');
});

type Site = Awaited<ReturnType<typeof newTestSite>>;
const passMinutes = (minutes: number) => {
  now = new Date(now.getTime() + minutes * minuteMs);
};

async function siteWith(settings: Partial<Record<keyof SurveySettings, unknown>>) {
  const site = await newTestSite(testApp);
  await testApp.db.update(surveys).set({ settings }).where(eq(surveys.id, site.surveyId));
  return site;
}

async function ask(site: Site, user: object, extra: object = {}): Promise<EligibilityAnswer> {
  const response = await postJson(testApp, '/v1/eligibility', { siteKey: site.siteKey, user, ...extra });
  return eligibilityAnswerSchema.parse(await expectStatus(response, 200));
}
const reasonOf = (answer: EligibilityAnswer) => (answer.eligible ? 'eligible' : answer.reason);

/** The row's version: Postgres gives every written row version a new xmin. */
async function rowVersions(site: Site, userId: string, accountId: string) {
  const [user] = await queryRows(
    testApp.db,
    sql`select xmin::text as version, last_seen_at, traits from users where site_id = ${site.siteId} and user_id = ${userId}`,
    (row) => ({ version: String(row.version), lastSeenAt: new Date(String(row.last_seen_at)), traits: row.traits }),
  );
  const [account] = await queryRows(
    testApp.db,
    sql`select xmin::text as version from accounts where site_id = ${site.siteId} and account_id = ${accountId}`,
    (row) => String(row.version),
  );
  return { user: user!, account: account! };
}

const fromSource = (source: string) => metricValue(testApp, 'tenpoint_eligibility_answers_total', `source="${source}"`);

describe('a repeat visitor', () => {
  // Signed up a week ago: told "no" (too new) for three weeks, by the database the first time.
  const newcomer = (userId: string) => ({
    userId,
    createdAt: new Date(now.getTime() - 7 * 24 * 60 * minuteMs).toISOString(),
    traits: { plan: 'pro' },
    account: { id: `acct_${userId}`, name: 'Acme', traits: { seats: 12 } },
  });

  it('seen a moment ago with nothing new is answered without writing their user or account', async () => {
    const site = await siteWith({});
    const user = newcomer(`u_${randomUUID().slice(0, 8)}`);
    expect(reasonOf(await ask(site, user))).toBe('too_new');
    const before = await rowVersions(site, user.userId, user.account.id);
    passMinutes(5);
    // An event skips the memory of "no"s: this call reads the database, and still writes nothing.
    expect(reasonOf(await ask(site, user, { event: 'page_viewed' }))).toBe('too_new');
    expect(await rowVersions(site, user.userId, user.account.id)).toEqual(before);
  });

  it('writes what changed, and last seen once the stored time is older than 15 minutes', async () => {
    const site = await siteWith({});
    const user = newcomer(`u_${randomUUID().slice(0, 8)}`);
    await ask(site, user);
    const first = await rowVersions(site, user.userId, user.account.id);
    passMinutes(1);
    await ask(site, { ...user, traits: { role: 'admin' } }, { event: 'x' });
    const changed = await rowVersions(site, user.userId, user.account.id);
    expect(changed.user.version).not.toBe(first.user.version);
    expect(changed.user.traits).toEqual({ plan: 'pro', role: 'admin' });
    await ask(site, { ...user, account: { ...user.account, traits: { seats: 13 } } }, { event: 'x' });
    expect((await rowVersions(site, user.userId, user.account.id)).account).not.toBe(first.account);
    passMinutes(16);
    await ask(site, { ...user, traits: { role: 'admin' } }, { event: 'x' });
    expect((await rowVersions(site, user.userId, user.account.id)).user.lastSeenAt).toEqual(now);
  });

  it('told "no" is answered from memory until the answer could change, with the same words', async () => {
    const site = await siteWith({ targeting: { include: [{ trait: 'role', values: ['admin'] }] } });
    const user = { userId: `u_${randomUUID().slice(0, 8)}`, traits: { role: 'viewer' } };
    const [memoryBefore, databaseBefore] = [await fromSource('memory'), await fromSource('database')];
    const first = await ask(site, user);
    expect(reasonOf(first)).toBe('not_targeted');
    expect(await ask(site, user)).toEqual(first);
    expect(await ask(site, user)).toEqual(first);
    expect(await fromSource('memory')).toBe(memoryBefore + 2);
    expect(await fromSource('database')).toBe(databaseBefore + 1);
    // New traits are asked at once.
    expect(reasonOf(await ask(site, { ...user, traits: { role: 'admin' } }))).toBe('eligible');
  });

  it('told "no" hears the change of the survey\'s settings on the next call', async () => {
    const site = await siteWith({ targeting: { include: [{ trait: 'role', values: ['admin'] }] } });
    const user = { userId: `u_${randomUUID().slice(0, 8)}`, traits: { role: 'viewer' } };
    expect(reasonOf(await ask(site, user))).toBe('not_targeted');
    await testApp.db.update(surveys).set({ settings: {} }).where(eq(surveys.id, site.surveyId));
    expect(reasonOf(await ask(site, user))).toBe('eligible');
  });

  it('waiting for a trigger event is shown the survey when the event comes', async () => {
    const site = await siteWith({ triggerEvent: 'invoice_sent' });
    const user = { userId: `u_${randomUUID().slice(0, 8)}` };
    expect(reasonOf(await ask(site, user))).toBe('no_trigger');
    expect(reasonOf(await ask(site, user))).toBe('no_trigger');
    expect(reasonOf(await ask(site, user, { event: 'invoice_sent' }))).toBe('eligible');
  });

  it('told "no" until a date is asked afresh once it passes, and the wait counts down', async () => {
    const site = await siteWith({});
    const user = newcomer(`u_${randomUUID().slice(0, 8)}`);
    const first = await ask(site, user);
    passMinutes(10);
    const later = await ask(site, user);
    expect(!first.eligible && !later.eligible && first.retryAfter! - later.retryAfter!).toBe(600);
    passMinutes(23 * 24 * 60);
    expect(reasonOf(await ask(site, user))).toBe('eligible');
  });

  it('erased is forgotten by the memory too, and starts afresh', async () => {
    const site = await siteWith({ targeting: { include: [{ trait: 'role', values: ['admin'] }] } });
    const user = { userId: `u_${randomUUID().slice(0, 8)}`, traits: { role: 'viewer' } };
    await ask(site, user);
    const erase = await testApp.app.request(`/v1/users/${user.userId}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${site.secretKey}` },
    });
    expect(erase.status).toBeLessThan(300);
    const databaseBefore = await fromSource('database');
    await ask(site, user);
    expect(await fromSource('database')).toBe(databaseBefore + 1);
    const [stored] = await queryRows(
      testApp.db,
      sql`select count(*)::int as n from users where site_id = ${site.siteId} and user_id = ${user.userId}`,
      (row) => Number(row.n),
    );
    expect(stored).toBe(1);
  });
});

describe('eligibility that sheds load', () => {
  it('answers busy at once when the database is behind, while answers sent meanwhile are all stored', async () => {
    // Sites looked up once and kept, as in production: only the calls' own statements wait.
    const shedding = await startTestApp({ eligibilityLimits: { maxInFlight: 1, maxWaitMs: 50 }, lookupTtlMs: 60_000 });
    try {
      const site = await newTestSite(shedding);
      await expectStatus(await postJson(shedding, '/v1/eligibility', { siteKey: site.siteKey, user: { userId: 'u_first' } }), 200);
      // Holds the users table: a new user's call waits for it, and so does each one behind it.
      const held = shedding.db.transaction(async (tx) => {
        await tx.execute(sql`lock table users in exclusive mode`);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const calls = Array.from({ length: 20 }, () =>
        postJson(shedding, '/v1/eligibility', { siteKey: site.siteKey, user: { userId: `u_${randomUUID()}` } }),
      );
      const answers = Array.from({ length: 5 }, () =>
        postJson(shedding, '/v1/responses', { siteKey: site.siteKey, id: randomUUID(), user: { userId: `u_${randomUUID()}` }, score: 9 }),
      );
      const settled = await Promise.all(
        calls.map(async (call) => {
          const response = await call;
          return {
            retryAfterHeader: response.headers.get('retry-after'),
            answer: eligibilityAnswerSchema.parse(await expectStatus(response, 200)),
          };
        }),
      );
      const busy = settled.filter(({ answer }) => !answer.eligible && answer.reason === 'busy');
      expect(busy.length).toBeGreaterThanOrEqual(18);
      for (const { answer, retryAfterHeader } of busy) {
        const retryAfter = !answer.eligible ? answer.retryAfter! : 0;
        expect(retryAfter).toBeGreaterThanOrEqual(30);
        expect(retryAfter).toBeLessThanOrEqual(120);
        expect(retryAfterHeader).toBe(String(retryAfter));
      }
      await held;
      for (const answer of answers) await expectStatus(await answer, 201);
      const [stored] = await queryRows(shedding.db, sql`select count(*)::int as n from responses where site_id = ${site.siteId}`, (row) =>
        Number(row.n),
      );
      expect(stored).toBe(5);
    } finally {
      await shedding.close();
    }
  });
});
