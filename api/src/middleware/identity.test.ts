import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sites, users } from '../db/schema/index.ts';
import { expectError, expectStatus, newTestSite, postJson, startTestApp, type TestApp } from '../../test/test-app.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

const identitySecret = 'whsec_identity_for_tests';
const hashOf = (userId: string) => createHmac('sha256', identitySecret).update(userId).digest('hex');

describe('identity verification', () => {
  it('accepts only users whose userHash matches when the site enforces it, and records nothing else', async () => {
    const site = await newTestSite(testApp);
    await testApp.db.update(sites).set({ identitySecret, enforceIdentity: true }).where(eq(sites.id, site.siteId));
    const ask = (user: Record<string, unknown>) => postJson(testApp, '/v1/eligibility', { siteKey: site.siteKey, user });

    await expectStatus(await ask({ userId: 'u_real', userHash: hashOf('u_real') }), 200);
    await expectStatus(await ask({ userId: 'u_real', userHash: hashOf('u_real').toUpperCase() }), 200);
    expect(await expectError(await ask({ userId: 'u_fake' }), 401, 'unauthorized')).toMatch(/^user\.userHash: this site requires identity verification/);
    expect(await expectError(await ask({ userId: 'u_fake', userHash: hashOf('u_real') }), 401, 'unauthorized')).toMatch(/^user\.userHash: does not match userId/);

    const stored = await testApp.db.select().from(users).where(eq(users.siteId, site.siteId));
    expect(stored.map((user) => user.userId)).toEqual(['u_real']);
  });

  it('ignores userHash on sites that do not enforce it', async () => {
    const site = await newTestSite(testApp);
    await expectStatus(await postJson(testApp, '/v1/eligibility', { siteKey: site.siteKey, user: { userId: 'u_any', userHash: 'ab'.repeat(32) } }), 200);
  });
});
