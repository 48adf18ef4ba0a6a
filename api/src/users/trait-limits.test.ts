import { randomUUID } from 'node:crypto';
import { eligibilityAnswerSchema, responseAnswerSchema } from '@tenpoint/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, getWithKey, newTestSite, postJson, startTestApp, type TestApp } from '../../test/test-app.ts';
import { accounts, dailyTallies, users } from '../db/schema/index.ts';
import { foldTallies } from '../scores/tally-folder.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

/** 100 new trait keys a call, as much as one call may carry: what an abuser sends with the public key. */
const bloated = (call: number) => Object.fromEntries(Array.from({ length: 100 }, (_, key) => [`k${call}_${key}`, 'v'.repeat(40)]));

describe('traits stored per user and account', () => {
  it('stay within 100 keys and 8 KiB however many calls add new ones, and the caller is told', async () => {
    const site = await newTestSite(testApp);
    const userId = `u_${randomUUID()}`;
    const warnings: string[][] = [];
    for (let call = 0; call < 30; call++) {
      const user = { userId, traits: bloated(call), account: { id: 'acme', traits: bloated(call) } };
      const answer = eligibilityAnswerSchema.parse(
        await expectStatus(await postJson(testApp, '/v1/eligibility', { siteKey: site.siteKey, user }), 200),
      );
      warnings.push(answer.warnings ?? []);
    }
    const [stored] = await testApp.db
      .select()
      .from(users)
      .where(and(eq(users.siteId, site.siteId), eq(users.userId, userId)));
    expect(Object.keys(stored!.traits).length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(stored!.traits).length).toBeLessThanOrEqual(8192);
    const [account] = await testApp.db
      .select()
      .from(accounts)
      .where(and(eq(accounts.siteId, site.siteId), eq(accounts.accountId, 'acme')));
    expect(JSON.stringify(account!.traits).length).toBeLessThanOrEqual(8192);
    expect(warnings.at(-1)).toEqual([
      'user.traits: 100 keys were not stored (k29_0, k29_1, k29_10, …); a user keeps at most 100 trait keys and 8192 bytes of traits',
      expect.stringMatching(/^user\.account\.traits: 100 keys were not stored/),
    ]);

    for (let answer = 0; answer < 10; answer++) {
      const user = { userId, traits: bloated(100 + answer), account: { id: 'acme' } };
      const body = await expectStatus(
        await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id: randomUUID(), user, score: 7 }),
        201,
      );
      expect(responseAnswerSchema.parse(body).warnings?.[0]).toMatch(/^user\.traits: 100 keys were not stored/);
    }
    await foldTallies(testApp.db);
    // The responses' segments: total, score, account, locale and the survey's segmentTraits, not every key sent.
    expect(await testApp.db.$count(dailyTallies, eq(dailyTallies.siteId, site.siteId))).toBeLessThanOrEqual(10);
    const page = await getWithKey(testApp, '/v1/responses?limit=50', site.secretKey);
    expect((await page.text()).length).toBeLessThan(200_000);
  });

  it('keep changing values of the keys already stored, and warn of a user trait spelled like an account trait', async () => {
    const site = await newTestSite(testApp);
    const userId = `u_${randomUUID()}`;
    const call = async (traits: Record<string, string>) =>
      eligibilityAnswerSchema.parse(
        await expectStatus(await postJson(testApp, '/v1/eligibility', { siteKey: site.siteKey, user: { userId, traits } }), 200),
      );
    await call(Object.fromEntries(Array.from({ length: 100 }, (_, key) => [`k${key}`, 'a'])));
    const answer = await call({ k5: 'changed', extra: 'x', 'account.plan': 'pro' });
    const [stored] = await testApp.db
      .select()
      .from(users)
      .where(and(eq(users.siteId, site.siteId), eq(users.userId, userId)));
    expect(stored!.traits.k5).toBe('changed');
    expect(stored!.traits.extra).toBeUndefined();
    expect(answer.warnings).toEqual([
      'user.traits: 2 keys were not stored (account.plan, extra); a user keeps at most 100 trait keys and 8192 bytes of traits',
      'user.traits.account.plan: a user trait named account.… cannot be told from the account trait of that name; it is in no ' +
        'segment or filter (send it as user.account.traits.plan)',
    ]);
    expect((await call({ k5: 'again' })).warnings).toBeUndefined();
  });
});
