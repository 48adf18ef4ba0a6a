import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { consoleUsers, members, organizations, sites } from '../db/schema/index.ts';

/**
 * A confirmed console user who owns an organization that owns `siteId`, made when missing (the
 * user without a password: they sign in by a one-time link, or set one by resetting it). Running
 * it again finds them and changes nothing. For `pnpm start`'s demo, and for operators.
 */
export async function ensureTeamFor(
  db: Database,
  input: { email: string; name: string; organizationName: string; siteId: string },
): Promise<{ created: boolean }> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(consoleUsers).where(eq(consoleUsers.email, input.email)).limit(1);
    const userId = existing?.id ?? randomUUID();
    if (!existing) await tx.insert(consoleUsers).values({ id: userId, name: input.name, email: input.email, emailVerified: true });
    const [owned] = await tx
      .select({ organizationId: members.organizationId })
      .from(members)
      .where(and(eq(members.userId, userId), eq(members.role, 'owner')))
      .limit(1);
    const organizationId = owned?.organizationId ?? randomUUID();
    if (!owned) {
      await tx.insert(organizations).values({ id: organizationId, name: input.organizationName, slug: `team-${organizationId}` });
      await tx.insert(members).values({ organizationId, userId, role: 'owner' });
    }
    await tx
      .update(sites)
      .set({ organizationId })
      .where(and(eq(sites.id, input.siteId), isNull(sites.organizationId)));
    return { created: !existing || !owned };
  });
}
