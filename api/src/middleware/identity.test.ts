import { createHmac, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus, newTestSite, postJson, startTestApp, type TestApp } from '../../test/test-app.ts';
import { accounts, responses, sites, users } from '../db/schema/index.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

const identitySecret = 'whsec_identity_for_tests';
const hashOf = (userId: string) => createHmac('sha256', identitySecret).update(userId).digest('hex');
/** As docs/contract.md tells vendors to compute it on their server. */
const accountHashOf = (userId: string, accountId: string) =>
  createHmac('sha256', identitySecret).update(`${userId}:${accountId}`).digest('hex');

describe('identity verification', () => {
  it('accepts only users whose userHash matches when the site enforces it, and records nothing else', async () => {
    const site = await newTestSite(testApp);
    await testApp.db.update(sites).set({ identitySecret, enforceIdentity: true }).where(eq(sites.id, site.siteId));
    const ask = (user: Record<string, unknown>) => postJson(testApp, '/v1/eligibility', { siteKey: site.siteKey, user });

    await expectStatus(await ask({ userId: 'u_real', userHash: hashOf('u_real') }), 200);
    await expectStatus(await ask({ userId: 'u_real', userHash: hashOf('u_real').toUpperCase() }), 200);
    expect(await expectError(await ask({ userId: 'u_fake' }), 401, 'unauthorized')).toMatch(
      /^user\.userHash: this site requires identity verification/,
    );
    expect(await expectError(await ask({ userId: 'u_fake', userHash: hashOf('u_real') }), 401, 'unauthorized')).toMatch(
      /^user\.userHash: does not match userId/,
    );

    const stored = await testApp.db.select().from(users).where(eq(users.siteId, site.siteId));
    expect(stored.map((user) => user.userId)).toEqual(['u_real']);
  });

  it('ignores userHash on sites that do not enforce it', async () => {
    const site = await newTestSite(testApp);
    await expectStatus(
      await postJson(testApp, '/v1/eligibility', { siteKey: site.siteKey, user: { userId: 'u_any', userHash: 'ab'.repeat(32) } }),
      200,
    );
  });
});

describe('account verification', () => {
  it("refuses a verified user's claim to an account their server did not sign, and records nothing of it", async () => {
    const site = await newTestSite(testApp);
    await testApp.db.update(sites).set({ identitySecret, enforceIdentity: true }).where(eq(sites.id, site.siteId));
    const user = (account: Record<string, unknown>) => ({ userId: 'u_mallory', userHash: hashOf('u_mallory'), account });
    const answer = (account: Record<string, unknown>) =>
      postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id: randomUUID(), user: user(account), score: 0 });

    expect(await expectError(await answer({ id: 'acme' }), 401, 'unauthorized')).toMatch(
      /^user\.account\.accountHash: this site requires identity verification/,
    );
    expect(await expectError(await answer({ id: 'acme', accountHash: accountHashOf('u_mallory', 'globex') }), 401, 'unauthorized')).toMatch(
      /^user\.account\.accountHash: does not match/,
    );
    // Another member's account hash does not carry over to this user either.
    expect(await expectError(await answer({ id: 'acme', accountHash: accountHashOf('u_ann', 'acme') }), 401, 'unauthorized')).toMatch(
      /^user\.account\.accountHash/,
    );
    const stored = await testApp.db.select().from(responses).where(eq(responses.siteId, site.siteId));
    expect(stored).toEqual([]);
    expect(await testApp.db.select().from(accounts).where(eq(accounts.siteId, site.siteId))).toEqual([]);

    await expectStatus(await answer({ id: 'globex', accountHash: accountHashOf('u_mallory', 'globex') }), 201);
    await expectStatus(await answer({ id: 'globex', accountHash: accountHashOf('u_mallory', 'globex').toUpperCase() }), 201);
  });

  it('never lets an end user rename an account: the first name seen is kept', async () => {
    const site = await newTestSite(testApp);
    const ask = (userId: string, name: string) =>
      postJson(testApp, '/v1/eligibility', { siteKey: site.siteKey, user: { userId, account: { id: 'acme', name } } });
    await expectStatus(await ask('u_ann', 'Acme BV'), 200);
    await expectStatus(await ask('u_mallory', 'Mallory was here'), 200);
    const [acme] = await testApp.db
      .select()
      .from(accounts)
      .where(and(eq(accounts.siteId, site.siteId), eq(accounts.accountId, 'acme')));
    expect(acme?.name).toBe('Acme BV');
  });
});
