import { createRoute, z } from '@hono/zod-openapi';
import { invitationCreateSchema, invitationSchema, meSchema } from '@tenpoint/shared';
import { recordAudit } from '../../audit/record-audit.ts';
import { authCall } from '../../auth/auth-errors.ts';
import { readSession, type SignedIn } from '../../auth/sessions.ts';
import { describeMe, findInvitation, pendingInvitations } from '../../auth/team-queries.ts';
import type { Services } from '../../deps.ts';
import { ApiError } from '../../errors.ts';
import { isUuid } from '../../input/ids.ts';
import { jsonBody } from '../../input/json-body.ts';
import { requireMember } from '../../middleware/member-access.ts';
import { createWindowCounter } from '../../middleware/window-counter.ts';
import { errors, json, member, vendorBody } from '../../openapi/answers.ts';
import { router } from '../router.ts';
import { invitationPath, organizationInvitationPath, organizationPath } from './paths.ts';

const tags = ['Organizations'];
const readErrors = [400, 401, 403, 404, 429, 503] as const;
const bodyErrors = [...readErrors, 409, 413, 415] as const;

const list = createRoute({
  method: 'get',
  path: '/organizations/{organizationId}/invitations',
  operationId: 'listInvitations',
  tags,
  summary: 'Invitations waiting for an answer',
  description: 'Every member may read this.',
  ...member,
  request: { params: organizationPath },
  responses: {
    200: json('Pending invitations, oldest first.', z.object({ data: z.array(invitationSchema) }).meta({ id: 'InvitationList' })),
    ...errors(...readErrors),
  },
});

const create = createRoute({
  method: 'post',
  path: '/organizations/{organizationId}/invitations',
  operationId: 'inviteMember',
  tags,
  summary: 'Invite someone by email',
  description:
    'Admins and the owner. The email holds a link that works for 7 days; inviting the same address again replaces the ' +
    'earlier invitation. Someone already a member answers 400.',
  ...member,
  request: { params: organizationPath, body: vendorBody(invitationCreateSchema) },
  responses: { 201: json('The invitation.', invitationSchema), ...errors(...bodyErrors) },
});

const cancel = createRoute({
  method: 'delete',
  path: '/organizations/{organizationId}/invitations/{invitationId}',
  operationId: 'cancelInvitation',
  tags,
  summary: 'Cancel an invitation',
  description: 'Admins and the owner. Its link stops working.',
  ...member,
  request: { params: organizationInvitationPath },
  responses: { 204: { description: 'Canceled.' }, ...errors(...readErrors) },
});

const show = createRoute({
  method: 'get',
  path: '/invitations/{invitationId}',
  operationId: 'getInvitation',
  tags,
  summary: 'An invitation, to the person it was sent to',
  description: 'Signed in with the address it was sent to; to anyone else it does not exist (404).',
  ...member,
  request: { params: invitationPath },
  responses: { 200: json('The invitation.', invitationSchema), ...errors(...readErrors) },
});

const accept = createRoute({
  method: 'post',
  path: '/invitations/{invitationId}/accept',
  operationId: 'acceptInvitation',
  tags,
  summary: 'Join the organization of an invitation',
  description: 'Signed in with the address it was sent to, while it is pending and not expired.',
  ...member,
  request: { params: invitationPath },
  responses: { 200: json('Who, and their organizations now.', meSchema), ...errors(...readErrors) },
});

// Invitations emailed to one address, whoever sends them: as many as a person needs, too few to spam with.
const invitationsPerRecipient = 5;
const invitationWindowMs = 10 * 60_000;

/** Inviting people into an organization, and an invited person joining. */
export function invitationRoutes(deps: Services) {
  const { db } = deps;
  const sentTo = createWindowCounter(invitationsPerRecipient, invitationWindowMs, deps.rateLimitClock);
  const signedInOr401 = async (c: Parameters<typeof readSession>[1]): Promise<SignedIn> => {
    const signedIn = await readSession(deps.auth, c, deps.now());
    if (!signedIn) throw new ApiError('unauthorized', 'sign in (or sign up) with the address the invitation was sent to');
    return signedIn;
  };
  const invitationFor = async (signedIn: SignedIn, invitationId: string) => {
    const invitation = isUuid(invitationId) ? await findInvitation(db, invitationId) : undefined;
    if (!invitation || invitation.email.toLowerCase() !== signedIn.user.email.toLowerCase())
      throw new ApiError('not_found', `invitationId: no invitation ${invitationId} for ${signedIn.user.email}`);
    return invitation;
  };
  return router()
    .openapi({ ...list, middleware: requireMember(deps, 'read') }, async (c) =>
      c.json({ data: await pendingInvitations(db, c.get('organization').id, deps.now()) }, 200),
    )
    .openapi({ ...create, middleware: [requireMember(deps, 'members'), jsonBody] as const }, async (c) => {
      const organization = c.get('organization');
      const { email, role } = c.req.valid('json');
      const wait = sentTo.waitSeconds(email);
      if (wait > 0)
        throw new ApiError('rate_limited', `email: ${email} was invited often just now; retry after ${Math.ceil(wait / 60)} min`, wait);
      sentTo.add(email);
      const made = await authCall(
        () =>
          deps.auth.api.createInvitation({
            headers: c.req.raw.headers,
            body: { email, role, organizationId: organization.id },
          }),
        'email',
      );
      await recordAudit(
        db,
        c,
        { action: 'member.invited', target: email, after: { role } },
        { organizationId: organization.id, siteId: null },
      );
      const invitation = await findInvitation(db, made.id);
      return c.json(invitation!, 201);
    })
    .openapi({ ...cancel, middleware: requireMember(deps, 'members') }, async (c) => {
      const organization = c.get('organization');
      const { invitationId } = c.req.valid('param');
      const invitation = isUuid(invitationId) ? await findInvitation(db, invitationId) : undefined;
      if (!invitation || invitation.organizationId !== organization.id)
        throw new ApiError('not_found', `invitationId: no invitation ${invitationId} in this organization`);
      await authCall(() => deps.auth.api.cancelInvitation({ headers: c.req.raw.headers, body: { invitationId } }));
      await recordAudit(
        db,
        c,
        { action: 'invitation.canceled', target: invitation.email },
        { organizationId: organization.id, siteId: null },
      );
      return c.body(null, 204);
    })
    .openapi(show, async (c) => {
      const signedIn = await signedInOr401(c);
      return c.json(await invitationFor(signedIn, c.req.valid('param').invitationId), 200);
    })
    .openapi(accept, async (c) => {
      const signedIn = await signedInOr401(c);
      const invitation = await invitationFor(signedIn, c.req.valid('param').invitationId);
      if (invitation.status !== 'pending' || new Date(invitation.expiresAt) <= deps.now())
        throw new ApiError(
          'invalid_request',
          `invitationId: this invitation is ${invitation.status === 'pending' ? 'expired' : invitation.status}`,
        );
      await authCall(() => deps.auth.api.acceptInvitation({ headers: c.req.raw.headers, body: { invitationId: invitation.id } }));
      const caller = { kind: 'member' as const, userId: signedIn.user.id, role: invitation.role, label: signedIn.user.email };
      await recordAudit(
        db,
        c,
        { action: 'member.joined', target: signedIn.user.email, after: { role: invitation.role } },
        {
          organizationId: invitation.organizationId,
          siteId: null,
          caller,
        },
      );
      return c.json(await describeMe(db, signedIn.user), 200);
    });
}
