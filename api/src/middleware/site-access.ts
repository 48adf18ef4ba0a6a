import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, Caller } from '../app-env.ts';
import { isRole, keyAllows, neededRole, type Permission, roleAllows } from '../auth/roles.ts';
import { readSession } from '../auth/sessions.ts';
import { members, sites } from '../db/schema/index.ts';
import type { Services } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { isUuid } from '../input/ids.ts';
import { findSiteByKey } from '../sites/site-keys.ts';

/** The header a console session names its site in; a key needs none, it has one site. */
export const siteHeader = 'Tenpoint-Site';

/** Reads change nothing; every other method changes the site, which only admins and full keys may. */
const byMethod = (method: string): Permission => (method === 'GET' || method === 'HEAD' ? 'read' : 'manage');

export type PermissionRule = (method: string, path: string) => Permission | undefined;

/**
 * Site endpoints: the caller is a secret key (`Authorization: Bearer sk_…`, its site) or a console
 * session naming a site of one of its organizations in `Tenpoint-Site`. Either way the caller must
 * be allowed the permission the request needs (by method, unless `rule` says otherwise), else 403.
 */
export function requireSite(deps: Services, rule?: PermissionRule) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const permission = rule?.(c.req.method, c.req.path) ?? byMethod(c.req.method);
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) await bySecretKey(deps, c, authorization, permission);
    else await bySession(deps, c, permission);
    await next();
  });
}

async function bySecretKey(deps: Services, c: Context<AppEnv>, authorization: string, permission: Permission) {
  const match = /^Bearer\s+(sk_\S+)$/i.exec(authorization);
  if (!match?.[1]) throw new ApiError('unauthorized', 'Authorization: send your secret key as "Bearer sk_…"');
  // Looked up by its hash: the key itself is never stored, and a hash match leaks nothing useful.
  const holder = await findSiteByKey(deps.db, match[1], deps.now());
  if (!holder) throw new ApiError('unauthorized', 'Authorization: this secret key is not valid (was it revoked or rotated?)');
  if (!keyAllows(holder.key.access, permission))
    throw new ApiError(
      'forbidden',
      `this key is read-only; ${permission === 'manage' ? 'changes need' : 'this needs'} a key with full access`,
    );
  c.set('site', holder.site);
  c.set('caller', { kind: 'key', keyId: holder.key.id, label: `key "${holder.key.name}"` });
}

async function bySession(deps: Services, c: Context<AppEnv>, permission: Permission) {
  const signedIn = await readSession(deps.auth, c, deps.now());
  if (!signedIn) throw new ApiError('unauthorized', 'Authorization: send your secret key as "Bearer sk_…", or sign in to the console');
  const siteId = c.req.header(siteHeader);
  if (!siteId) throw new ApiError('invalid_request', `${siteHeader}: name the site (its id) this request is about`);
  const [row] = isUuid(siteId)
    ? await deps.db
        .select({ site: sites, role: members.role })
        .from(sites)
        .innerJoin(members, and(eq(members.organizationId, sites.organizationId), eq(members.userId, signedIn.user.id)))
        .where(eq(sites.id, siteId))
        .limit(1)
    : [];
  // Another team's site and no site at all answer alike: ids are not for probing.
  if (!row || !isRole(row.role)) throw new ApiError('not_found', `${siteHeader}: none of your organizations has this site`);
  if (!roleAllows(row.role, permission))
    throw new ApiError('forbidden', `your role (${row.role}) cannot do this; ask ${neededRole(permission)}`);
  c.set('site', row.site);
  c.set('caller', memberCaller(signedIn, row.role));
}

export const memberCaller = (signedIn: { user: { id: string; email: string } }, role: string): Caller => ({
  kind: 'member',
  userId: signedIn.user.id,
  role,
  label: signedIn.user.email,
});
