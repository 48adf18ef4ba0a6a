import { randomUUID } from 'node:crypto';
import { meSchema } from '@tenpoint/shared';
import { desc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { emailOutbox, members, organizations } from '../src/db/schema/index.ts';
import type { TestApp } from './test-app.ts';

/** A browser's cookie jar, as simple as the console needs: name=value pairs, set and cleared by the answers. */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';', 1);
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at);
      const value = pair!.slice(at + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
  get header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** A request as the console in a browser sends it: same origin, with the jar's cookies, JSON body. */
export async function consoleRequest(
  testApp: TestApp,
  jar: CookieJar,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const response = await testApp.app.request(path, {
    method,
    headers: {
      ...(jar.header ? { Cookie: jar.header } : {}),
      // What a browser on the console sends: the console's own origin.
      ...(method === 'GET' ? {} : { Origin: new URL(testApp.publicUrl).origin }),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return jar.take(response);
}

/** Where a test reads the email the app sent: the outbox (no SMTP, the default) or a test's SMTP server. */
export interface MailSource {
  to(address: string): { text?: string | undefined }[];
}

/** The link of the last email for `to`: from `mail` when given, else kept in the outbox. */
export async function lastLinkTo(testApp: TestApp, to: string, mail?: MailSource): Promise<URL> {
  const text = mail
    ? mail.to(to).at(-1)?.text
    : (await testApp.db.select().from(emailOutbox).where(eq(emailOutbox.to, to)).orderBy(desc(emailOutbox.createdAt)).limit(1))[0]?.text;
  expect(text, `an email to ${to}`).toBeDefined();
  const link = /https?:\/\/\S+/.exec(text!)?.[0];
  expect(link, text).toBeDefined();
  return new URL(link!);
}

/** The `token` of a console link such as …/app/#/verify-email?token=… */
export const tokenOf = (link: URL) => new URLSearchParams(link.hash.split('?')[1] ?? '').get('token') ?? '';

export const newEmail = (name = 'member') => `${name}-${randomUUID().slice(0, 8)}@acme.test`;
export const password = 'correct horse battery staple';

/** Signs a new person up and in through the API as the console does, confirming their email from the outbox. */
export async function signedUpMember(testApp: TestApp, name = 'member', mail?: MailSource): Promise<{ jar: CookieJar; email: string }> {
  const jar = new CookieJar();
  const email = newEmail(name);
  const signUp = await consoleRequest(testApp, jar, 'POST', '/v1/sign-up', { name, email, password });
  expect(signUp.status, await signUp.clone().text()).toBe(202);
  const token = tokenOf(await lastLinkTo(testApp, email, mail));
  const verified = await consoleRequest(testApp, jar, 'POST', '/v1/email-verification', { token });
  expect(verified.status, await verified.clone().text()).toBe(200);
  return { jar, email };
}

/** An owner signed in with an organization of their own and one site in it (origins: the test origin). */
export async function ownerWithSite(testApp: TestApp, origins = ['https://app.example.test'], options: { mail?: MailSource } = {}) {
  const owner = await signedUpMember(testApp, 'owner', options.mail);
  const organization = (await (
    await consoleRequest(testApp, owner.jar, 'POST', '/v1/organizations', { name: `Acme ${randomUUID().slice(0, 6)}` })
  ).json()) as { id: string; name: string };
  const created = await consoleRequest(testApp, owner.jar, 'POST', `/v1/organizations/${organization.id}/sites`, {
    name: 'Invoicing',
    origins,
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const { site, secretKey } = (await created.json()) as { site: { id: string; name: string; siteKey: string }; secretKey: string };
  return { owner, organization, site, secretKey };
}

/** Invites a new person into the organization with `role`; they sign up from the invitation's email and accept. */
export async function joinAs(testApp: TestApp, ownerJar: CookieJar, organizationId: string, role: 'admin' | 'analyst' | 'viewer') {
  const person = await signedUpMember(testApp, role);
  const invited = await consoleRequest(testApp, ownerJar, 'POST', `/v1/organizations/${organizationId}/invitations`, {
    email: person.email,
    role,
  });
  expect(invited.status, await invited.clone().text()).toBe(201);
  const link = await lastLinkTo(testApp, person.email);
  const invitationId = link.hash.split('/').at(-1)!;
  const accepted = await consoleRequest(testApp, person.jar, 'POST', `/v1/invitations/${invitationId}/accept`);
  expect(accepted.status, await accepted.clone().text()).toBe(200);
  return person;
}

/** A new organization with the signed-in person of `jar` in it as `role`, made in the database; its id. */
export async function organizationWith(testApp: TestApp, jar: CookieJar, role: 'owner' | 'admin' | 'analyst' | 'viewer'): Promise<string> {
  const me = meSchema.parse(JSON.parse(await (await consoleRequest(testApp, jar, 'GET', '/v1/me')).text()));
  const organizationId = randomUUID();
  await testApp.db.insert(organizations).values({ id: organizationId, name: `Org ${role}`, slug: `org-${organizationId}` });
  await testApp.db.insert(members).values({ id: randomUUID(), organizationId, userId: me.user.id, role });
  return organizationId;
}
