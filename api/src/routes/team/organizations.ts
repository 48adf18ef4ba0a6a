import { randomBytes } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import {
  memberPatchSchema,
  memberSchema,
  organizationCreateSchema,
  organizationOfMeSchema,
  ownershipTransferSchema,
} from '@tenpoint/shared';
import { and, count, eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/record-audit.ts';
import { authCall } from '../../auth/auth-errors.ts';
import { readSession } from '../../auth/sessions.ts';
import { findMember, listMembers } from '../../auth/team-queries.ts';
import { auditEvents, emailOutbox, members, organizations } from '../../db/schema/index.ts';
import type { Services } from '../../deps.ts';
import { ApiError } from '../../errors.ts';
import { isUuid } from '../../input/ids.ts';
import { jsonBody } from '../../input/json-body.ts';
import { requireMember } from '../../middleware/member-access.ts';
import { errors, json, member, vendorBody } from '../../openapi/answers.ts';
import { router } from '../router.ts';
import { memberPath, organizationPath } from './paths.ts';

const tags = ['Organizations'];
const readErrors = [400, 401, 403, 404, 429, 503] as const;
const bodyErrors = [...readErrors, 413, 415] as const;
/** Enough organizations for anyone's clients; few enough that no one fills the database with them. */
const maxOrganizationsPerUser = 20;

const createOrganization = createRoute({
  method: 'post',
  path: '/organizations',
  operationId: 'createOrganization',
  tags,
  summary: 'Make an organization',
  description: `The caller becomes its owner. At most ${maxOrganizationsPerUser} organizations per person.`,
  ...member,
  request: { body: vendorBody(organizationCreateSchema) },
  responses: { 201: json('The organization, with the caller as owner.', organizationOfMeSchema), ...errors(...bodyErrors) },
});

const listMembersRoute = createRoute({
  method: 'get',
  path: '/organizations/{organizationId}/members',
  operationId: 'listMembers',
  tags,
  summary: 'The members and their roles',
  description: 'Every member may read this.',
  ...member,
  request: { params: organizationPath },
  responses: {
    200: json('The members, oldest first.', z.object({ data: z.array(memberSchema) }).meta({ id: 'MemberList' })),
    ...errors(...readErrors),
  },
});

const updateMember = createRoute({
  method: 'patch',
  path: '/organizations/{organizationId}/members/{memberId}',
  operationId: 'updateMember',
  tags,
  summary: "Change a member's role",
  description: "Admins and the owner. The owner's own role changes only by handing the organization over (`/transfer`).",
  ...member,
  request: { params: memberPath, body: vendorBody(memberPatchSchema) },
  responses: { 200: json('The member as now stored.', memberSchema), ...errors(...bodyErrors) },
});

const removeMember = createRoute({
  method: 'delete',
  path: '/organizations/{organizationId}/members/{memberId}',
  operationId: 'removeMember',
  tags,
  summary: 'Remove a member, or leave',
  description: 'Admins and the owner remove others; anyone but the owner may remove themselves (leave). Their access ends at once.',
  ...member,
  request: { params: memberPath },
  responses: { 204: { description: 'Removed.' }, ...errors(...readErrors) },
});

const transferOwnership = createRoute({
  method: 'post',
  path: '/organizations/{organizationId}/transfer',
  operationId: 'transferOwnership',
  tags,
  summary: 'Hand the organization over to another member',
  description: 'The owner only. The member becomes the owner, the caller an admin.',
  ...member,
  request: { params: organizationPath, body: vendorBody(ownershipTransferSchema) },
  responses: { 204: { description: 'Handed over.' }, ...errors(...bodyErrors) },
});

const deleteOrganization = createRoute({
  method: 'delete',
  path: '/organizations/{organizationId}',
  operationId: 'deleteOrganization',
  tags,
  summary: 'Delete the organization, its sites and all their data',
  description: 'The owner only, naming the organization exactly in `confirm`. Nothing of it can be brought back.',
  ...member,
  request: {
    params: organizationPath,
    query: z.object({ confirm: z.string({ error: 'confirm: type the organization’s name' }).max(200).describe('The name, exactly.') }),
  },
  responses: { 204: { description: 'Deleted.' }, ...errors(...readErrors) },
});

const slugOf = (name: string) =>
  `${
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'team'
  }-${randomBytes(4).toString('hex')}`;

/** Organizations and their members: make one, read and change who is in it, hand it over, delete it. */
export function organizationRoutes(deps: Services) {
  const { db } = deps;
  const memberOr404 = async (organizationId: string, memberId: string) => {
    const found = isUuid(memberId) ? await findMember(db, organizationId, memberId) : undefined;
    if (!found) throw new ApiError('not_found', `memberId: no member ${memberId} in this organization`);
    return found;
  };
  return router()
    .openapi({ ...createOrganization, middleware: jsonBody }, async (c) => {
      const signedIn = await readSession(deps.auth, c, deps.now());
      if (!signedIn) throw new ApiError('unauthorized', 'sign in to the console first');
      const { name } = c.req.valid('json');
      const [mine] = await db.select({ n: count() }).from(members).where(eq(members.userId, signedIn.user.id));
      if ((mine?.n ?? 0) >= maxOrganizationsPerUser)
        throw new ApiError('invalid_request', `you belong to ${maxOrganizationsPerUser} organizations already, the most one person may`);
      const made = await authCall(() =>
        deps.auth.api.createOrganization({ headers: c.req.raw.headers, body: { name, slug: slugOf(name) } }),
      );
      if (!made) throw new Error('better-auth made no organization');
      // Counted again once made: of requests racing past the first count, the ones over the limit undo theirs.
      const [counted] = await db.select({ n: count() }).from(members).where(eq(members.userId, signedIn.user.id));
      if ((counted?.n ?? 0) > maxOrganizationsPerUser) {
        await db.delete(organizations).where(eq(organizations.id, made.id));
        throw new ApiError('invalid_request', `you belong to ${maxOrganizationsPerUser} organizations already, the most one person may`);
      }
      const caller = { kind: 'member' as const, userId: signedIn.user.id, role: 'owner', label: signedIn.user.email };
      await recordAudit(db, c, { action: 'organization.created', target: name }, { organizationId: made.id, siteId: null, caller });
      return c.json({ id: made.id, name: made.name, role: 'owner' as const, createdAt: new Date(made.createdAt).toISOString() }, 201);
    })
    .openapi({ ...listMembersRoute, middleware: requireMember(deps, 'read') }, async (c) =>
      c.json({ data: await listMembers(db, c.get('organization').id) }, 200),
    )
    .openapi({ ...updateMember, middleware: [requireMember(deps, 'members'), jsonBody] as const }, async (c) => {
      const organization = c.get('organization');
      const target = await memberOr404(organization.id, c.req.valid('param').memberId);
      const { role } = c.req.valid('json');
      if (target.role === 'owner')
        throw new ApiError('invalid_request', "role: the owner's role changes only by handing the organization over");
      await db
        .update(members)
        .set({ role })
        .where(and(eq(members.organizationId, organization.id), eq(members.id, target.id)));
      await recordAudit(
        db,
        c,
        { action: 'member.role_changed', target: target.email, before: { role: target.role }, after: { role } },
        {
          organizationId: organization.id,
          siteId: null,
        },
      );
      return c.json({ ...target, role }, 200);
    })
    .openapi({ ...removeMember, middleware: requireMember(deps, 'read') }, async (c) => {
      const organization = c.get('organization');
      const target = await memberOr404(organization.id, c.req.valid('param').memberId);
      const leaving = target.id === organization.memberId;
      if (!leaving && organization.role !== 'owner' && organization.role !== 'admin')
        throw new ApiError('forbidden', `your role (${organization.role}) cannot remove members; ask an admin or the owner`);
      if (target.role === 'owner') throw new ApiError('invalid_request', 'memberId: the owner stays; hand the organization over first');
      await db.delete(members).where(and(eq(members.organizationId, organization.id), eq(members.id, target.id)));
      await recordAudit(
        db,
        c,
        { action: leaving ? 'member.left' : 'member.removed', target: target.email, before: { role: target.role } },
        {
          organizationId: organization.id,
          siteId: null,
        },
      );
      return c.body(null, 204);
    })
    .openapi({ ...transferOwnership, middleware: [requireMember(deps, 'own'), jsonBody] as const }, async (c) => {
      const organization = c.get('organization');
      const target = await memberOr404(organization.id, c.req.valid('json').memberId);
      if (target.id === organization.memberId) throw new ApiError('invalid_request', 'memberId: you are the owner already');
      await db.transaction(async (tx) => {
        await tx
          .update(members)
          .set({ role: 'owner' })
          .where(and(eq(members.organizationId, organization.id), eq(members.id, target.id)));
        await tx
          .update(members)
          .set({ role: 'admin' })
          .where(and(eq(members.organizationId, organization.id), eq(members.id, organization.memberId)));
        await recordAudit(
          tx,
          c,
          { action: 'organization.transferred', target: target.email, before: { owner: c.get('caller').label } },
          {
            organizationId: organization.id,
            siteId: null,
          },
        );
      });
      return c.body(null, 204);
    })
    .openapi({ ...deleteOrganization, middleware: requireMember(deps, 'own') }, async (c) => {
      const organization = c.get('organization');
      if (c.req.valid('query').confirm !== organization.name)
        throw new ApiError('invalid_request', `confirm: type the organization's name exactly ("${organization.name}") to delete it`);
      // Its sites and all their data go with it (foreign keys cascade), and so do its audit log and outbox.
      await db.transaction(async (tx) => {
        await tx.delete(auditEvents).where(eq(auditEvents.organizationId, organization.id));
        await tx.delete(emailOutbox).where(eq(emailOutbox.organizationId, organization.id));
        await tx.delete(organizations).where(eq(organizations.id, organization.id));
      });
      return c.body(null, 204);
    });
}
