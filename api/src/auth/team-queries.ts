import type { InvitationAnswer, MeAnswer, MemberAnswer } from '@tenpoint/shared';
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { consoleUsers, invitations, members, organizations } from '../db/schema/index.ts';
import { isRole, type Role } from './roles.ts';

/** A console user and the organizations they belong to, with their role in each. */
export async function describeMe(db: Database, user: { id: string; name: string; email: string }): Promise<MeAnswer> {
  const rows = await db
    .select({ id: organizations.id, name: organizations.name, role: members.role, createdAt: organizations.createdAt })
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(eq(members.userId, user.id))
    .orderBy(asc(organizations.createdAt));
  return {
    user: { id: user.id, name: user.name, email: user.email },
    organizations: rows.flatMap((row) => (isRole(row.role) ? [{ ...row, role: row.role, createdAt: row.createdAt.toISOString() }] : [])),
  };
}

export async function listMembers(db: Database, organizationId: string): Promise<MemberAnswer[]> {
  const rows = await db
    .select({
      id: members.id,
      userId: members.userId,
      name: consoleUsers.name,
      email: consoleUsers.email,
      role: members.role,
      createdAt: members.createdAt,
    })
    .from(members)
    .innerJoin(consoleUsers, eq(consoleUsers.id, members.userId))
    .where(eq(members.organizationId, organizationId))
    .orderBy(asc(members.createdAt));
  return rows.flatMap((row) => (isRole(row.role) ? [{ ...row, role: row.role, createdAt: row.createdAt.toISOString() }] : []));
}

export async function findMember(db: Database, organizationId: string, memberId: string): Promise<MemberAnswer | undefined> {
  return (await listMembers(db, organizationId)).find((member) => member.id === memberId);
}

type InvitationRow = typeof invitations.$inferSelect & { organizationName: string };

export const invitationAnswer = (row: InvitationRow): InvitationAnswer => ({
  id: row.id,
  organizationId: row.organizationId,
  organizationName: row.organizationName,
  email: row.email,
  role: (isRole(row.role) ? row.role : 'viewer') satisfies Role,
  status: row.status as InvitationAnswer['status'],
  expiresAt: row.expiresAt.toISOString(),
});

const invitationColumns = {
  id: invitations.id,
  organizationId: invitations.organizationId,
  email: invitations.email,
  role: invitations.role,
  status: invitations.status,
  expiresAt: invitations.expiresAt,
  inviterId: invitations.inviterId,
  createdAt: invitations.createdAt,
  organizationName: organizations.name,
};

/** The invitations of an organization still waiting for an answer. */
export async function pendingInvitations(db: Database, organizationId: string, now: Date): Promise<InvitationAnswer[]> {
  const rows = await db
    .select(invitationColumns)
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(and(eq(invitations.organizationId, organizationId), eq(invitations.status, 'pending'), gt(invitations.expiresAt, now)))
    .orderBy(asc(invitations.createdAt));
  return rows.map(invitationAnswer);
}

export async function findInvitation(db: Database, invitationId: string): Promise<InvitationAnswer | undefined> {
  const [row] = await db
    .select(invitationColumns)
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(eq(invitations.id, invitationId))
    .limit(1);
  return row && invitationAnswer(row);
}
