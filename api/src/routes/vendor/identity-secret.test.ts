import { createHmac } from 'node:crypto';
import { identitySecretSchema, newIdentitySecretSchema, siteSchema } from '@tenpoint/shared';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleRequest, organizationWith, signedUpMember } from '../../../test/console-session.ts';
import {
  aUser,
  expectError,
  expectStatus,
  getWithKey,
  newTestSite,
  postJson,
  sendWithKey,
  startTestApp,
  type TestApp,
} from '../../../test/test-app.ts';
import { auditEvents } from '../../db/schema/index.ts';
import { createSite } from '../../sites/create-site.ts';
import { createSiteKey } from '../../sites/site-keys.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');
const widgetCall = (siteKey: string, user: Record<string, unknown>) => postJson(testApp, '/v1/eligibility', { siteKey, user });
const makeSecret = async (secretKey: string) =>
  newIdentitySecretSchema.parse(await expectStatus(await sendWithKey(testApp, 'POST', '/v1/site/identity-secret', secretKey), 200))
    .identitySecret;
const readSecret = async (secretKey: string) =>
  identitySecretSchema.parse(await expectStatus(await getWithKey(testApp, '/v1/site/identity-secret', secretKey), 200)).identitySecret;
const patchSite = (secretKey: string, body: unknown) => sendWithKey(testApp, 'PATCH', '/v1/site', secretKey, body);

describe('identity verification', () => {
  it('has no secret and is off for a new site, and cannot be turned on before a secret is made', async () => {
    const site = await newTestSite(testApp);
    const shown = siteSchema.parse(await expectStatus(await getWithKey(testApp, '/v1/site', site.secretKey), 200));
    expect(shown).toMatchObject({ enforceIdentity: false, identitySecretSet: false });
    expect(await readSecret(site.secretKey)).toBeNull();

    const message = await expectError(await patchSite(site.secretKey, { enforceIdentity: true }), 400, 'invalid_request');
    expect(message).toMatch(/^enforceIdentity: .*POST \/v1\/site\/identity-secret/);
    await expectError(await patchSite(site.secretKey, { enforceIdentity: 'yes' }), 400, 'invalid_request');
  });

  it('makes a secret that admins can read again, and never shows it in the site', async () => {
    const site = await newTestSite(testApp);
    const secret = await makeSecret(site.secretKey);
    expect(secret).toMatch(/^is_[A-Za-z0-9_-]{43}$/);
    expect(await readSecret(site.secretKey)).toBe(secret);
    const body = await expectStatus(await getWithKey(testApp, '/v1/site', site.secretKey), 200);
    expect(siteSchema.parse(body)).toMatchObject({ identitySecretSet: true, enforceIdentity: false });
    expect(JSON.stringify(body)).not.toContain(secret);

    const renewed = await makeSecret(site.secretKey);
    expect(renewed).not.toBe(secret);
    expect(await readSecret(site.secretKey)).toBe(renewed);
  });

  it('refuses a read-only key both making and reading the secret', async () => {
    const site = await newTestSite(testApp);
    const readOnly = await createSiteKey(testApp.db, { siteId: site.siteId, name: 'Read', access: 'read', createdBy: null });
    await expectError(await sendWithKey(testApp, 'POST', '/v1/site/identity-secret', readOnly.secretKey), 403, 'forbidden');
    await expectError(await getWithKey(testApp, '/v1/site/identity-secret', readOnly.secretKey), 403, 'forbidden');
    await expectError(await patchSite(readOnly.secretKey, { enforceIdentity: false }), 403, 'forbidden');
  });

  it('lets an admin read and make the secret in the console, and not an analyst', async () => {
    const { jar } = await signedUpMember(testApp, 'ada');
    const site = await createSite(testApp.db, { name: 'Ada', origins: [], organizationId: await organizationWith(testApp, jar, 'admin') });
    const ask = (method: string) =>
      consoleRequest(testApp, jar, method, '/v1/site/identity-secret', undefined, { 'Tenpoint-Site': site.siteId });
    const made = newIdentitySecretSchema.parse(await expectStatus(await ask('POST'), 200)).identitySecret;
    expect(identitySecretSchema.parse(await expectStatus(await ask('GET'), 200)).identitySecret).toBe(made);

    const analyst = await signedUpMember(testApp, 'ann');
    const theirs = await createSite(testApp.db, {
      name: 'Ann',
      origins: [],
      organizationId: await organizationWith(testApp, analyst.jar, 'analyst'),
    });
    const asAnalyst = (method: string) =>
      consoleRequest(testApp, analyst.jar, method, '/v1/site/identity-secret', undefined, { 'Tenpoint-Site': theirs.siteId });
    expect(await expectError(await asAnalyst('GET'), 403, 'forbidden')).toMatch(/an admin or the owner/);
    await expectError(await asAnalyst('POST'), 403, 'forbidden');
  });

  it('once enforced, refuses widget calls without a valid hash and accepts those signed with the secret', async () => {
    const site = await newTestSite(testApp);
    const secret = await makeSecret(site.secretKey);
    const user = aUser();
    // Not enforced yet: an unsigned call passes.
    await expectStatus(await widgetCall(site.siteKey, user), 200);

    const enforced = siteSchema.parse(await expectStatus(await patchSite(site.secretKey, { enforceIdentity: true }), 200));
    expect(enforced.enforceIdentity).toBe(true);
    await expectError(await widgetCall(site.siteKey, user), 401, 'unauthorized');
    await expectError(await widgetCall(site.siteKey, { ...user, userHash: hmac('is_other', user.userId) }), 401, 'unauthorized');
    await expectStatus(await widgetCall(site.siteKey, { ...user, userHash: hmac(secret, user.userId) }), 200);

    // A new secret takes over at once: hashes of the old one are refused from the next call.
    const renewed = await makeSecret(site.secretKey);
    await expectError(await widgetCall(site.siteKey, { ...user, userHash: hmac(secret, user.userId) }), 401, 'unauthorized');
    await expectStatus(await widgetCall(site.siteKey, { ...user, userHash: hmac(renewed, user.userId) }), 200);

    await expectStatus(await patchSite(site.secretKey, { enforceIdentity: false }), 200);
    await expectStatus(await widgetCall(site.siteKey, user), 200);
  });

  it('audits making secrets and switching enforcement, never with the secret', async () => {
    const site = await newTestSite(testApp);
    const secret = await makeSecret(site.secretKey);
    await expectStatus(await patchSite(site.secretKey, { enforceIdentity: true }), 200);
    // Unchanged settings are not an event.
    await expectStatus(await patchSite(site.secretKey, { enforceIdentity: true }), 200);

    const events = await testApp.db.select().from(auditEvents).where(eq(auditEvents.siteId, site.siteId)).orderBy(asc(auditEvents.at));
    expect(events.map(({ action, before, after }) => ({ action, before, after }))).toEqual([
      { action: 'identity_secret.renewed', before: { set: false }, after: null },
      { action: 'site.updated', before: { enforceIdentity: false }, after: { enforceIdentity: true } },
    ]);
    expect(JSON.stringify(events)).not.toContain(secret);
  });
});
