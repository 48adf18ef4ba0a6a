import type { MeAnswer } from '@tenpoint/shared';
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { members, organizations } from '../db/schema/index.ts';
import { isRole } from './roles.ts';

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
