import { and, eq } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';
import { isRole, neededRole, type Permission, roleAllows } from '../auth/roles.ts';
import { readSession } from '../auth/sessions.ts';
import { members, organizations } from '../db/schema/index.ts';
import type { Services } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { isUuid } from '../input/ids.ts';
import { memberCaller } from './site-access.ts';

/**
 * Organization endpoints (`/v1/organizations/{organizationId}/…`): a console session of a member of
 * that organization whose role allows `permission`. Keys belong to a site and never pass.
 */
export function requireMember(deps: Services, permission: Permission) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const signedIn = await readSession(deps.auth, c, deps.now());
    if (!signedIn) throw new ApiError('unauthorized', 'sign in to the console first (organization endpoints take no secret key)');
    const organizationId = c.req.param('organizationId') ?? '';
    const [row] = isUuid(organizationId)
      ? await deps.db
          .select({ id: organizations.id, name: organizations.name, role: members.role, memberId: members.id })
          .from(members)
          .innerJoin(organizations, eq(organizations.id, members.organizationId))
          .where(and(eq(members.organizationId, organizationId), eq(members.userId, signedIn.user.id)))
          .limit(1)
      : [];
    // Another team and no team at all answer alike.
    if (!row || !isRole(row.role)) throw new ApiError('not_found', 'organizationId: you are not a member of this organization');
    if (!roleAllows(row.role, permission))
      throw new ApiError('forbidden', `your role (${row.role}) cannot do this; ask ${neededRole(permission)}`);
    c.set('caller', memberCaller(signedIn, row.role));
    c.set('organization', { id: row.id, name: row.name, memberId: row.memberId, role: row.role });
    c.set('signedIn', signedIn);
    await next();
  });
}
