import { meSchema } from '@tenpoint/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar, consoleRequest, lastLinkTo, newEmail, password, signedUpMember, tokenOf } from '../../../test/console-session.ts';
import { expectError, expectStatus, startTestApp, type TestApp } from '../../../test/test-app.ts';
import { ensureTeamFor } from '../../auth/seed-team.ts';
import { consoleSessions, consoleUsers } from '../../db/schema/index.ts';
import { createSite } from '../../sites/create-site.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

describe('signing up and in to the console', () => {
  it('signs up, confirms the address from its email, and is signed in with an HttpOnly SameSite cookie', async () => {
    const jar = new CookieJar();
    const email = newEmail('ana');
    const signUp = await consoleRequest(testApp, jar, 'POST', '/v1/sign-up', { name: 'Ana', email, password });
    expect(await expectStatus(signUp, 202)).toMatchObject({ message: expect.stringContaining(email) });
    expect(jar.cookies.size, 'no session before the address is confirmed').toBe(0);
    await expectError(await consoleRequest(testApp, jar, 'GET', '/v1/me'), 401, 'unauthorized');

    const link = await lastLinkTo(testApp, email);
    expect(link.pathname).toBe('/app/');
    const verified = await consoleRequest(testApp, jar, 'POST', '/v1/email-verification', { token: tokenOf(link) });
    const cookie = verified.headers.getSetCookie().find((line) => line.includes('session_token'));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//i);
    expect(meSchema.parse(await expectStatus(verified, 200)).user.email).toBe(email);
    expect(meSchema.parse(await expectStatus(await consoleRequest(testApp, jar, 'GET', '/v1/me'), 200)).organizations).toEqual([]);

    await expectStatus(await consoleRequest(testApp, jar, 'DELETE', '/v1/session'), 204);
    await expectError(await consoleRequest(testApp, jar, 'GET', '/v1/me'), 401, 'unauthorized');
  });

  it('answers a wrong password and an unknown email alike, and a sign-up of a taken address as any other', async () => {
    const { email } = await signedUpMember(testApp, 'bo');
    const wrong = await expectError(
      await consoleRequest(testApp, new CookieJar(), 'POST', '/v1/session', { email, password: 'not it at all' }),
      401,
      'unauthorized',
    );
    const unknown = await expectError(
      await consoleRequest(testApp, new CookieJar(), 'POST', '/v1/session', { email: newEmail('nobody'), password }),
      401,
      'unauthorized',
    );
    expect(unknown).toBe(wrong);

    const taken = await expectStatus(
      await consoleRequest(testApp, new CookieJar(), 'POST', '/v1/sign-up', { name: 'X', email, password }),
      202,
    );
    const fresh = newEmail('fresh');
    const free = await expectStatus(
      await consoleRequest(testApp, new CookieJar(), 'POST', '/v1/sign-up', { name: 'X', email: fresh, password }),
      202,
    );
    expect(JSON.stringify(taken).replace(email, '@')).toBe(JSON.stringify(free).replace(fresh, '@'));
    // The owner of the taken address is told, by email, not the person signing up.
    expect((await lastLinkTo(testApp, email)).hash).toContain('sign-in');
  });

  it('gives a new session at sign-in and ends the one the browser brought (no session fixation)', async () => {
    const { jar, email } = await signedUpMember(testApp, 'cy');
    const planted = jar.header;
    const signIn = await consoleRequest(testApp, jar, 'POST', '/v1/session', { email, password });
    await expectStatus(signIn, 200);
    expect(jar.header).not.toBe(planted);
    const withPlanted = await testApp.app.request('/v1/me', { headers: { Cookie: planted } });
    await expectError(withPlanted, 401, 'unauthorized');
    await expectStatus(await consoleRequest(testApp, jar, 'GET', '/v1/me'), 200);
  });

  it('limits failed sign-ins per email: after five, even the right password waits', async () => {
    const { email } = await signedUpMember(testApp, 'di');
    for (let attempt = 0; attempt < 5; attempt++) {
      await expectError(
        await consoleRequest(testApp, new CookieJar(), 'POST', '/v1/session', { email, password: `wrong ${attempt}` }),
        401,
        'unauthorized',
      );
    }
    const locked = await consoleRequest(testApp, new CookieJar(), 'POST', '/v1/session', { email, password });
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await expectError(locked, 429, 'rate_limited')).toContain('reset the password');
    // The same for an address with no account: the limit says nothing about who has one.
    const ghost = newEmail('ghost');
    for (let attempt = 0; attempt < 5; attempt++)
      await consoleRequest(testApp, new CookieJar(), 'POST', '/v1/session', { email: ghost, password });
    await expectError(
      await consoleRequest(testApp, new CookieJar(), 'POST', '/v1/session', { email: ghost, password }),
      429,
      'rate_limited',
    );
  });

  it('resets a password by email: the old one and every session stop working', async () => {
    const { jar, email } = await signedUpMember(testApp, 'ed');
    const asked = await expectStatus(await consoleRequest(testApp, new CookieJar(), 'POST', '/v1/password-reset', { email }), 202);
    const nobody = newEmail('nobody');
    const askedForNobody = await expectStatus(
      await consoleRequest(testApp, new CookieJar(), 'POST', '/v1/password-reset', { email: nobody }),
      202,
    );
    expect(JSON.stringify(asked).replace(email, '@')).toBe(JSON.stringify(askedForNobody).replace(nobody, '@'));

    const token = tokenOf(await lastLinkTo(testApp, email));
    const newPassword = 'a brand new passphrase';
    await expectStatus(
      await consoleRequest(testApp, new CookieJar(), 'POST', '/v1/password-reset/confirm', { token, password: newPassword }),
      204,
    );
    await expectError(await consoleRequest(testApp, jar, 'GET', '/v1/me'), 401, 'unauthorized');
    await expectError(await consoleRequest(testApp, new CookieJar(), 'POST', '/v1/session', { email, password }), 401, 'unauthorized');
    await expectStatus(await consoleRequest(testApp, new CookieJar(), 'POST', '/v1/session', { email, password: newPassword }), 200);
    // A link works once.
    await expectError(
      await consoleRequest(testApp, new CookieJar(), 'POST', '/v1/password-reset/confirm', { token, password: 'yet another passphrase' }),
      400,
      'invalid_request',
    );
  });

  it('refuses a change from another origin, or with a session cookie and no Origin (CSRF)', async () => {
    const { jar } = await signedUpMember(testApp, 'fa');
    const fromElsewhere = await consoleRequest(testApp, jar, 'DELETE', '/v1/session', undefined, { Origin: 'https://evil.example' });
    await expectError(fromElsewhere, 403, 'forbidden');
    const noOrigin = await testApp.app.request('/v1/session', { method: 'DELETE', headers: { Cookie: jar.header } });
    await expectError(noOrigin, 403, 'forbidden');
    await expectStatus(await consoleRequest(testApp, jar, 'GET', '/v1/me'), 200);
  });
});

describe('how long a session lasts', () => {
  it('ends a session unused for a day, and any session a week after its sign-in however much it is used', async () => {
    const idle = await signedUpMember(testApp, 'idle');
    const busy = await signedUpMember(testApp, 'busy');
    const sessionOf = async (email: string) => {
      const [row] = await testApp.db
        .select({ id: consoleSessions.id })
        .from(consoleSessions)
        .innerJoin(consoleUsers, eq(consoleUsers.id, consoleSessions.userId))
        .where(eq(consoleUsers.email, email));
      return row!.id;
    };
    // Unused since yesterday: its expiry, which each use pushes on, has passed.
    await testApp.db
      .update(consoleSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(consoleSessions.id, await sessionOf(idle.email)));
    await expectError(await consoleRequest(testApp, idle.jar, 'GET', '/v1/me'), 401, 'unauthorized');
    // Used a minute ago, but signed in eight days ago.
    const busyId = await sessionOf(busy.email);
    await testApp.db
      .update(consoleSessions)
      .set({ createdAt: new Date(Date.now() - 8 * 86_400_000) })
      .where(eq(consoleSessions.id, busyId));
    await expectError(await consoleRequest(testApp, busy.jar, 'GET', '/v1/me'), 401, 'unauthorized');
    expect(await testApp.db.select().from(consoleSessions).where(eq(consoleSessions.id, busyId))).toEqual([]);
  });
});

describe('the one-time sign-in link pnpm start prints', () => {
  it('signs the owner of a seeded team in once, and a second seeding changes nothing', async () => {
    const site = await createSite(testApp.db, { name: 'Seeded', origins: [] });
    const owner = { email: newEmail('seeded'), name: 'Seeded owner', organizationName: 'Seeded team', siteId: site.siteId };
    expect(await ensureTeamFor(testApp.db, owner)).toEqual({ created: true });
    expect(await ensureTeamFor(testApp.db, owner)).toEqual({ created: false });

    const link = new URL(await testApp.auth.signInLink(owner.email));
    expect(link.hash).toMatch(/^#\/sign-in-link\?token=/);
    const jar = new CookieJar();
    const me = meSchema.parse(
      await expectStatus(await consoleRequest(testApp, jar, 'POST', '/v1/sign-in-link', { token: tokenOf(link) }), 200),
    );
    expect(me.organizations).toEqual([expect.objectContaining({ name: 'Seeded team', role: 'owner' })]);
    expect(
      await expectStatus(await consoleRequest(testApp, jar, 'GET', '/v1/site', undefined, { 'Tenpoint-Site': site.siteId }), 200),
    ).toMatchObject({
      id: site.siteId,
    });
    await expectError(
      await consoleRequest(testApp, new CookieJar(), 'POST', '/v1/sign-in-link', { token: tokenOf(link) }),
      400,
      'invalid_request',
    );
    await expectError(
      await consoleRequest(testApp, new CookieJar(), 'POST', '/v1/sign-in-link', { token: 'made-up' }),
      400,
      'invalid_request',
    );
  });
});

describe('the failed-authentication limit', () => {
  it('counts wrong keys and passwords, never a console that asks who is signed in before anyone is', async () => {
    const strict = await startTestApp({
      rateLimits: { perAddress: 100_000, perSite: 100_000, trustProxy: false, failedAuthPerMinute: 3, emailsPerAddress: 100_000 },
    });
    try {
      const { email } = await signedUpMember(strict, 'opens-often');
      for (let visit = 0; visit < 10; visit++) await expectError(await strict.app.request('/v1/me'), 401, 'unauthorized');
      await expectStatus(await consoleRequest(strict, new CookieJar(), 'POST', '/v1/session', { email, password }), 200);
      for (let attempt = 0; attempt < 3; attempt++)
        await expectError(
          await consoleRequest(strict, new CookieJar(), 'POST', '/v1/session', { email, password: 'wrong one' }),
          401,
          'unauthorized',
        );
      await expectError(await consoleRequest(strict, new CookieJar(), 'POST', '/v1/session', { email, password }), 429, 'rate_limited');
    } finally {
      await strict.close();
    }
  });
});
