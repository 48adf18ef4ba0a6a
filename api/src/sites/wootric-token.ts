import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { type Site, sites } from '../db/schema/index.ts';
import { type SiteChange, updateSite } from './site-settings.ts';

/** The site key of the site holding this Wootric account token, for a pasted Wootric snippet. */
export async function siteKeyOfWootricToken(db: Database, accountToken: string): Promise<string | undefined> {
  const [site] = await db.select({ siteKey: sites.siteKey }).from(sites).where(eq(sites.wootricAccountToken, accountToken)).limit(1);
  return site?.siteKey;
}

/**
 * `updateSite`, or 'token_taken' (changing nothing) when another site holds the Wootric account
 * token asked for: one site per token, as the unique index says, which decides two claims at once.
 */
export async function updateSiteOnce(db: Database, siteId: string, change: SiteChange): Promise<Site | undefined | 'token_taken'> {
  const token = change.wootricAccountToken;
  if (token) {
    const [holder] = await db.select({ id: sites.id }).from(sites).where(eq(sites.wootricAccountToken, token)).limit(1);
    if (holder && holder.id !== siteId) return 'token_taken';
  }
  return updateSite(db, siteId, change).catch((error: unknown) => {
    if (token && causes(error).some((cause) => (cause as { code?: unknown }).code === '23505')) return 'token_taken' as const;
    throw error;
  });
}

/** An error and what it wraps: drizzle wraps what the driver throws. */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let at = error; at && chain.length < 5; at = (at as { cause?: unknown }).cause) chain.push(at);
  return chain;
}
