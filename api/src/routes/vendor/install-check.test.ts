import { randomUUID } from 'node:crypto';
import { installCheckSchema } from '@tenpoint/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleRequest, organizationWith, signedUpMember } from '../../../test/console-session.ts';
import { aUser, expectError, expectStatus, getWithKey, newTestSite, startTestApp, type TestApp } from '../../../test/test-app.ts';
import { sites, users, widgetCallCounts } from '../../db/schema/index.ts';
import { createSite } from '../../sites/create-site.ts';
import { createSiteKey } from '../../sites/site-keys.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

// Each site its own origin: unknown-key refusals are found by origin, and must not leak between tests.
const anOrigin = () => `https://${randomUUID().slice(0, 8)}.example.test`;
async function aSite(origin = anOrigin()) {
  return { ...(await newTestSite(testApp, [origin])), origin };
}

const widgetCall = (siteKey: string, origin: string, user: Record<string, unknown> = aUser()) =>
  testApp.app.request('/v1/eligibility', {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain', Origin: origin },
    body: JSON.stringify({ siteKey, user }),
  });

const installCheck = async (secretKey: string) =>
  installCheckSchema.strict().parse(await expectStatus(await getWithKey(testApp, '/v1/site/install-check', secretKey), 200));

describe('the install check', () => {
  it('is not installed before any widget call', async () => {
    const site = await aSite();
    expect(await installCheck(site.secretKey)).toEqual({
      installed: false,
      firstCallAt: null,
      lastCallAt: null,
      acceptedLastDay: 0,
      refused: [],
    });
  });

  it('is installed for a site whose widget ran before calls were counted (users it saw then), since the first of them', async () => {
    const site = await aSite();
    const firstSeenAt = new Date('2025-03-01T09:00:00.000Z');
    await testApp.db.insert(users).values([
      { siteId: site.siteId, userId: 'u_early', firstSeenAt, lastSeenAt: firstSeenAt },
      { siteId: site.siteId, userId: 'u_later', firstSeenAt: new Date('2025-06-01T09:00:00.000Z') },
    ]);
    expect(await installCheck(site.secretKey)).toMatchObject({ installed: true, firstCallAt: firstSeenAt.toISOString() });
  });

  it('turns installed on the first call from an allowed origin, and counts the calls of the day', async () => {
    const site = await aSite();
    const before = Date.now();
    await expectStatus(await widgetCall(site.siteKey, site.origin), 200);
    const first = await installCheck(site.secretKey);
    expect(first).toMatchObject({ installed: true, acceptedLastDay: 1, refused: [] });
    expect(Date.parse(first.firstCallAt!)).toBeGreaterThanOrEqual(before);
    expect(first.lastCallAt).toBe(first.firstCallAt);

    await expectStatus(await widgetCall(site.siteKey, site.origin), 200);
    const second = await installCheck(site.secretKey);
    expect(second.acceptedLastDay).toBe(2);
    expect(second.firstCallAt).toBe(first.firstCallAt);
    expect(Date.parse(second.lastCallAt!)).toBeGreaterThanOrEqual(Date.parse(first.lastCallAt!));
  });

  it('lists calls from an origin the site does not allow, with their count and the origin to add', async () => {
    const site = await aSite();
    const stranger = 'https://staging.acme.test';
    for (let i = 0; i < 3; i++) await expectError(await widgetCall(site.siteKey, stranger), 403, 'forbidden');
    const check = await installCheck(site.secretKey);
    expect(check.installed).toBe(false);
    expect(check.refused).toEqual([
      { reason: 'wrong_origin', origin: stranger, count: 3, lastAt: expect.any(String), fix: expect.any(String) },
    ]);
    expect(check.refused[0]!.fix).toContain(`Add ${stranger} to the site's allowed origins`);
  });

  it("lists an unknown key sent from one of the site's origins for that site only", async () => {
    const site = await aSite();
    const other = await aSite();
    await expectError(await widgetCall('pk_mistyped0000000', site.origin), 401, 'unauthorized');
    await expectError(await widgetCall('pk_mistyped0000000', site.origin), 401, 'unauthorized');
    const check = await installCheck(site.secretKey);
    expect(check.refused).toMatchObject([{ reason: 'unknown_key', origin: site.origin, count: 2 }]);
    expect(check.refused[0]!.fix).toMatch(/copy the snippet again/);
    expect((await installCheck(other.secretKey)).refused).toEqual([]);
  });

  it('lists calls refused by the identity check, saying how to compute the hash', async () => {
    const site = await aSite();
    await testApp.db.update(sites).set({ identitySecret: 'is_test', enforceIdentity: true }).where(eq(sites.id, site.siteId));
    await expectError(await widgetCall(site.siteKey, site.origin), 401, 'unauthorized');
    await expectError(await widgetCall(site.siteKey, site.origin, { ...aUser(), userHash: 'ab'.repeat(32) }), 401, 'unauthorized');
    const check = await installCheck(site.secretKey);
    expect(check).toMatchObject({ installed: false, refused: [{ reason: 'identity_failed', origin: site.origin, count: 2 }] });
    expect(check.refused[0]!.fix).toContain('HMAC-SHA256');
  });

  it('lists refusals of the last day only, most first and at most 50, and keeps the first call however old', async () => {
    const site = await aSite();
    const twoDaysAgo = new Date(Date.now() - 48 * 3_600_000);
    const hour = new Date(Math.floor(twoDaysAgo.getTime() / 3_600_000) * 3_600_000);
    await testApp.db.insert(widgetCallCounts).values([
      { siteId: site.siteId, hour, outcome: 'accepted', origin: site.origin, count: 5, firstAt: hour, lastAt: twoDaysAgo },
      { siteId: site.siteId, hour, outcome: 'wrong_origin', origin: 'https://old.acme.test', count: 9, firstAt: hour, lastAt: twoDaysAgo },
    ]);
    for (let i = 0; i < 55; i++) await widgetCall(site.siteKey, `https://preview-${i}.acme.test`);
    for (let i = 0; i < 2; i++) await widgetCall(site.siteKey, 'https://preview-7.acme.test');

    const check = await installCheck(site.secretKey);
    expect(check).toMatchObject({ installed: true, firstCallAt: hour.toISOString(), acceptedLastDay: 0 });
    expect(check.refused).toHaveLength(50);
    expect(check.refused[0]).toMatchObject({ origin: 'https://preview-7.acme.test', count: 3 });
    expect(check.refused.map((refusal) => refusal.origin)).not.toContain('https://old.acme.test');
  });

  it("never shows another site's calls, and is readable with a read-only key", async () => {
    const site = await aSite();
    const other = await aSite();
    await widgetCall(other.siteKey, other.origin);
    await widgetCall(other.siteKey, 'https://elsewhere.acme.test');
    const readOnly = await createSiteKey(testApp.db, { siteId: site.siteId, name: 'Read', access: 'read', createdBy: null });
    expect(await installCheck(readOnly.secretKey)).toMatchObject({ installed: false, refused: [] });
  });

  it("answers a console session for its own team's site, even a viewer, and 404 for another team's", async () => {
    const { jar } = await signedUpMember(testApp, 'ines');
    const organizationId = await organizationWith(testApp, jar, 'viewer');
    const own = await createSite(testApp.db, { name: 'Own', origins: [anOrigin()], organizationId });
    const theirs = await aSite();
    await widgetCall(theirs.siteKey, 'https://elsewhere.acme.test');

    const ask = (siteId: string) => consoleRequest(testApp, jar, 'GET', '/v1/site/install-check', undefined, { 'Tenpoint-Site': siteId });
    expect(installCheckSchema.parse(await expectStatus(await ask(own.siteId), 200)).installed).toBe(false);
    await expectError(await ask(theirs.siteId), 404, 'not_found');
  });
});
