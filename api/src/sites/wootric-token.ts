import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { sites } from '../db/schema/index.ts';

/** The site key of the site holding this Wootric account token, for a pasted Wootric snippet. */
export async function siteKeyOfWootricToken(db: Database, accountToken: string): Promise<string | undefined> {
  const [site] = await db.select({ siteKey: sites.siteKey }).from(sites).where(eq(sites.wootricAccountToken, accountToken)).limit(1);
  return site?.siteKey;
}

/** Whether a site other than `siteId` holds this token: one site per token, as the unique index says. */
export async function wootricTokenTakenElsewhere(db: Database, siteId: string, accountToken: string): Promise<boolean> {
  const [site] = await db.select({ id: sites.id }).from(sites).where(eq(sites.wootricAccountToken, accountToken)).limit(1);
  return site !== undefined && site.id !== siteId;
}
