import { and, eq } from 'drizzle-orm';
import type { Caller } from '../app-env.ts';
import type { Database } from '../db/client.ts';
import { consoleUsers, members, type Site } from '../db/schema/index.ts';

export interface SiteMember {
  memberId: string;
  name: string;
  email: string;
}

type Reader = Pick<Database, 'select'>;

/** A member of the site's organization by member id; undefined for anyone else's (or no) member. */
export async function memberOfSite(db: Reader, site: Pick<Site, 'organizationId'>, memberId: string): Promise<SiteMember | undefined> {
  if (!site.organizationId) return undefined;
  const [row] = await db
    .select({ memberId: members.id, name: consoleUsers.name, email: consoleUsers.email })
    .from(members)
    .innerJoin(consoleUsers, eq(consoleUsers.id, members.userId))
    .where(and(eq(members.id, memberId), eq(members.organizationId, site.organizationId)))
    .limit(1);
  return row;
}

/** The calling member in the site's organization; undefined for a key. */
export async function callerMember(db: Reader, site: Pick<Site, 'organizationId'>, caller: Caller): Promise<SiteMember | undefined> {
  if (caller.kind !== 'member' || !site.organizationId) return undefined;
  const [row] = await db
    .select({ memberId: members.id, name: consoleUsers.name, email: consoleUsers.email })
    .from(members)
    .innerJoin(consoleUsers, eq(consoleUsers.id, members.userId))
    .where(and(eq(members.userId, caller.userId), eq(members.organizationId, site.organizationId)))
    .limit(1);
  return row;
}

/** Who wrote a thread entry: the member by name (their email if nameless), or the key. */
export const authorName = (member: SiteMember | undefined, caller: Caller) => (member ? member.name || member.email : caller.label);
