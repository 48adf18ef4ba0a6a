import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleRequest, newEmail, ownerWithSite, password } from '../../test/console-session.ts';
import { expectError, startTestApp, type TestApp } from '../../test/test-app.ts';

let testApp: TestApp;
let secure: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
  secure = await startTestApp({ publicUrl: 'https://tenpoint.example' });
});
afterAll(async () => {
  await testApp.close();
  await secure.close();
});

describe('cross-site request forgery', () => {
  it('refuses every state-changing console endpoint from another origin, or with a cookie and no Origin, changing nothing', async () => {
    const { owner, organization, site } = await ownerWithSite(testApp);
    const document = (await (await testApp.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: Record<string, unknown>[]; tags?: string[] }>>;
    };
    const changing = Object.entries(document.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod)
        .filter(([method, operation]) => method !== 'get' && !operation.tags?.includes('Widget'))
        .map(([method]) => ({ method: method.toUpperCase(), path })),
    );
    expect(changing.length).toBeGreaterThan(30);
    const wrong: string[] = [];
    for (const { method, path } of changing) {
      const url = path
        .replace('{organizationId}', organization.id)
        .replace(/\{\w+\}/g, randomUUID())
        .concat(
          method === 'DELETE' && !path.includes('{')
            ? `?confirm=${encodeURIComponent(path.includes('organizations') ? organization.name : site.name)}`
            : '',
        );
      for (const origin of ['https://evil.example', undefined]) {
        const response = await testApp.app.request(url, {
          method,
          headers: {
            Cookie: owner.jar.header,
            'Tenpoint-Site': site.id,
            'Content-Type': 'application/json',
            ...(origin ? { Origin: origin } : {}),
          },
          body: method === 'DELETE' ? undefined : JSON.stringify({ name: 'forged', testMode: true, email: 'x@evil.example', password }),
        });
        if (response.status !== 403) wrong.push(`${method} ${url} from ${origin ?? 'no origin'}: ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
    const stored = await consoleRequest(testApp, owner.jar, 'GET', '/v1/site', undefined, { 'Tenpoint-Site': site.id });
    expect(await stored.json()).toMatchObject({ name: site.name, testMode: false });
  });

  it('refuses a sign-in posted from another site (login CSRF) but lets a script without a browser sign in', async () => {
    const email = newEmail();
    const forged = await testApp.app.request('/v1/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body: JSON.stringify({ email, password }),
    });
    await expectError(forged, 403, 'forbidden');
    const script = await testApp.app.request('/v1/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    await expectError(script, 401, 'unauthorized');
  });
});

describe('the session cookie over https', () => {
  it('is Secure, __Secure- prefixed, HttpOnly and SameSite=Strict when the public address is https', async () => {
    const { owner } = await ownerWithSite(secure);
    const signIn = await secure.app.request('/v1/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://tenpoint.example' },
      body: JSON.stringify({ email: owner.email, password }),
    });
    expect(signIn.status, await signIn.clone().text()).toBe(200);
    const cookie = signIn.headers.getSetCookie().find((line) => line.includes('session_token'))!;
    expect(cookie).toMatch(/^__Secure-tenpoint\.session_token=/);
    for (const flag of [/; Secure/i, /; HttpOnly/i, /; SameSite=Strict/i]) expect(cookie).toMatch(flag);
  });
});
