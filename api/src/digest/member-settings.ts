import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { memberSettings } from '../db/schema/index.ts';

export type DigestChoice = 'weekly' | 'off';

/** A member's digest choice; `off` until they turn it on. */
export async function digestChoice(db: Database, memberId: string): Promise<DigestChoice> {
  const [row] = await db.select({ digest: memberSettings.digest }).from(memberSettings).where(eq(memberSettings.memberId, memberId));
  return row?.digest ?? 'off';
}

/** Sets a member's digest choice; answers the one it replaced. */
export async function setDigestChoice(db: Database, memberId: string, digest: DigestChoice): Promise<DigestChoice> {
  const before = await digestChoice(db, memberId);
  await db
    .insert(memberSettings)
    .values({ memberId, digest })
    .onConflictDoUpdate({ target: memberSettings.memberId, set: { digest, updatedAt: sql`now()` } });
  return before;
}
