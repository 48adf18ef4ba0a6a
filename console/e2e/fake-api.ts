import { randomUUID } from 'node:crypto';
import type { Page, Request, Route } from '@playwright/test';
import type { AuditEventAnswer, InvitationAnswer, MeAnswer, MemberAnswer, SecretKeyAnswer, SiteAnswer } from '@tenpoint/shared';

// The console's API as its contract describes it, in memory, for the console's own browser tests: the
// organization, team and key endpoints are built in another branch. The page itself comes from the real API.

type Role = MeAnswer['organizations'][number]['role'];
type Site = SiteAnswer & { enforceIdentity: boolean; identitySecretSet: boolean };

export interface FakeOptions {
  signedIn?: boolean;
  role?: Role;
  withOrganization?: boolean;
  withSite?: boolean;
  /** Install-check polls answered "waiting" before the first call arrives. */
  pollsBeforeInstalled?: number;
}

const now = () => new Date().toISOString();
const problem = (route: Route, status: number, code: string, message: string) =>
  route.fulfill({ status, contentType: 'application/json', json: { error: { code, message, requestId: 'req_fake' } } });

export async function fakeApi(page: Page, options: FakeOptions = {}) {
  const user = { id: randomUUID(), name: 'Ana Lima', email: 'ana@acme.io' };
  const organization: MeAnswer['organizations'][number] = {
    id: randomUUID(),
    name: 'Acme',
    role: options.role ?? 'owner',
    createdAt: now(),
  };
  const state = {
    signedIn: options.signedIn ?? true,
    organizations: options.withOrganization === false ? [] : [organization],
    sites: [] as Site[],
    members: [] as MemberAnswer[],
    invitations: [] as InvitationAnswer[],
    keys: [] as SecretKeyAnswer[],
    audit: [] as AuditEventAnswer[],
    polls: 0,
    identitySecret: null as string | null,
    /** Every request of the page to /v1, as method, path and its Tenpoint-Site header. */
    requests: [] as Array<{ method: string; path: string; site: string | undefined }>,
  };
  const makeSite = (name: string, origins: string[]): Site => ({
    id: randomUUID(),
    name,
    siteKey: `pk_${randomUUID().replaceAll('-', '').slice(0, 16)}`,
    allowedOrigins: origins,
    testMode: false,
    createdAt: now(),
    enforceIdentity: false,
    identitySecretSet: false,
  });
  if (options.withSite !== false && state.organizations.length) state.sites.push(makeSite('Ledgerly', ['https://app.ledgerly.example']));
  state.members.push({ id: randomUUID(), userId: user.id, name: user.name, email: user.email, role: organization.role, createdAt: now() });
  state.members.push({ id: randomUUID(), userId: randomUUID(), name: 'Bo Chen', email: 'bo@acme.io', role: 'viewer', createdAt: now() });
  state.keys.push({
    id: randomUUID(),
    name: 'Nightly export',
    access: 'read',
    start: 'sk_Ab3d',
    createdBy: user.email,
    createdAt: now(),
    lastUsedAt: null,
  });
  state.audit.push({
    id: randomUUID(),
    at: now(),
    actor: user.email,
    action: 'site.updated',
    target: 'Ledgerly',
    siteId: state.sites[0]?.id ?? null,
    before: { testMode: false },
    after: { testMode: true },
  });
  const invited: InvitationAnswer = {
    id: randomUUID(),
    organizationId: randomUUID(),
    organizationName: 'Globex',
    email: user.email,
    role: 'analyst',
    status: 'pending',
    expiresAt: new Date(Date.now() + 7 * 864e5).toISOString(),
  };
  const me = (): MeAnswer => ({ user, organizations: state.organizations });
  const site = (request: Request) => state.sites.find((each) => each.id === request.headers()['tenpoint-site']);

  await page.route(/\/v1\//, async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const path = url.pathname;
    const method = request.method();
    const body = request.postDataJSON() as Record<string, unknown> | null;
    state.requests.push({ method, path, site: request.headers()['tenpoint-site'] });
    const json = (data: unknown, status = 200) => route.fulfill({ status, contentType: 'application/json', json: data });
    const key = `${method} ${path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')}`;

    if (key === 'POST /v1/session') {
      if (body?.password !== 'correct horse battery')
        return problem(route, 401, 'unauthorized', 'email or password: no account matches both');
      state.signedIn = true;
      return json(me());
    }
    if (key === 'POST /v1/sign-up') {
      if (String(body?.password ?? '').length < 10)
        return problem(route, 400, 'invalid_request', 'password: must be at least 10 characters');
      return json({ message: `Check your email: if ${body?.email} can use this, a link is on its way.` }, 202);
    }
    if (key === 'POST /v1/sign-in-link' || key === 'POST /v1/email-verification') {
      if (body?.token !== 'good') return problem(route, 400, 'invalid_request', 'token: this link is not valid or has expired');
      state.signedIn = true;
      return json(me());
    }
    if (!state.signedIn) return problem(route, 401, 'unauthorized', 'sign in to the console first');
    if (key === 'GET /v1/me') return json(me());
    if (key === 'GET /v1/invitations/:id') return json({ ...invited, id: path.split('/')[3] });
    if (key === 'POST /v1/invitations/:id/accept') {
      state.organizations.push({ id: invited.organizationId, name: invited.organizationName, role: invited.role, createdAt: now() });
      return json(me());
    }
    if (key === 'DELETE /v1/session') {
      state.signedIn = false;
      return route.fulfill({ status: 204 });
    }
    if (key === 'POST /v1/organizations') {
      state.organizations.push({ ...organization, name: String(body?.name) });
      return json(organization, 201);
    }
    const canManage = organization.role === 'owner' || organization.role === 'admin';
    if (method !== 'GET' && !canManage && path !== '/v1/session') return problem(route, 403, 'forbidden', 'your role cannot do this');
    if (key === 'GET /v1/organizations/:id/sites') return json({ data: state.sites });
    if (!canManage && (key === 'GET /v1/keys' || key === 'GET /v1/organizations/:id/audit-log'))
      return problem(route, 403, 'forbidden', `your role (${organization.role}) cannot do this; ask an admin or the owner`);
    if (key === 'POST /v1/organizations/:id/sites') {
      if (!String(body?.name ?? '').trim()) return problem(route, 400, 'invalid_request', 'name: must not be empty');
      const made = makeSite(String(body?.name), body?.origins as string[]);
      state.sites.push(made);
      return json({ site: made, secretKey: 'sk_live_fake_0123456789abcdef' }, 201);
    }
    if (key === 'GET /v1/organizations/:id/members') return json({ data: state.members });
    if (key === 'GET /v1/organizations/:id/invitations') return json({ data: state.invitations });
    if (key === 'POST /v1/organizations/:id/invitations') {
      const invitation: InvitationAnswer = {
        id: randomUUID(),
        organizationId: organization.id,
        organizationName: organization.name,
        email: String(body?.email),
        role: body?.role as Role,
        status: 'pending',
        expiresAt: new Date(Date.now() + 7 * 864e5).toISOString(),
      };
      state.invitations.push(invitation);
      return json(invitation, 201);
    }
    if (key === 'GET /v1/organizations/:id/audit-log') return json({ data: state.audit, nextCursor: null });
    if (key === 'GET /v1/organizations/:id/outbox') {
      const text = `Confirm and sign in: ${url.origin}/app/#/verify-email?token=abc`;
      return json({
        kind: 'outbox',
        data: [{ id: randomUUID(), to: 'bo@acme.io', subject: 'Confirm your email', text, createdAt: now() }],
      });
    }
    const current = site(request);
    if (path.startsWith('/v1/site') || path.startsWith('/v1/keys') || path.startsWith('/v1/surveys')) {
      if (!current) return problem(route, 404, 'not_found', 'Tenpoint-Site: none of your organizations has this site');
    }
    if (!current) return problem(route, 404, 'not_found', `${path}: the fake API has no such endpoint`);
    if (key === 'GET /v1/site') return json(current);
    if (key === 'PATCH /v1/site') {
      Object.assign(current, body);
      return json(current);
    }
    if (key === 'POST /v1/site/origins') {
      if (!/^https?:\/\/[^/]+$/.test(String(body?.origin))) return problem(route, 400, 'invalid_request', 'origin: must be an origin');
      current.allowedOrigins.push(String(body?.origin));
      return json(current);
    }
    if (key === 'GET /v1/site/install-check') {
      state.polls += 1;
      const installed = state.polls > (options.pollsBeforeInstalled ?? 1);
      return json({
        installed,
        firstCallAt: installed ? now() : null,
        lastCallAt: installed ? now() : null,
        acceptedLastDay: installed ? 3 : 0,
        refused: [
          {
            reason: 'wrong_origin',
            origin: 'https://staging.ledgerly.example',
            count: 4,
            lastAt: now(),
            fix: 'add the origin in Settings',
          },
        ],
      });
    }
    if (key === 'GET /v1/site/identity-secret') return json({ identitySecret: state.identitySecret });
    if (key === 'POST /v1/site/identity-secret') {
      state.identitySecret = 'is_fake_secret_0123456789';
      current.identitySecretSet = true;
      return json({ identitySecret: state.identitySecret });
    }
    if (key === 'GET /v1/keys') return json({ data: state.keys });
    if (key === 'POST /v1/keys') {
      const made: SecretKeyAnswer = {
        id: randomUUID(),
        name: String(body?.name),
        access: body?.access as 'full',
        start: 'sk_Zz9y',
        createdBy: user.email,
        createdAt: now(),
        lastUsedAt: null,
      };
      state.keys.push(made);
      return json({ key: made, secretKey: 'sk_new_fake_key_abcdefghij' }, 201);
    }
    if (key === 'DELETE /v1/keys/:id') {
      state.keys = state.keys.filter((each) => !path.endsWith(each.id));
      return route.fulfill({ status: 204 });
    }
    if (key === 'GET /v1/surveys') return json({ data: [] });
    return problem(route, 404, 'not_found', `${method} ${path}: the fake API has no such endpoint`);
  });
  return state;
}
