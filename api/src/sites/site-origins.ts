import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { sites } from '../db/schema/index.ts';
import { ApiError } from '../errors.ts';
import { maxAllowedOrigins, normaliseOrigin } from './create-site.ts';

/**
 * Adds origins to a site's allow-list, keeping its order; the new list, or null when there is no
 * such site. More than `maxAllowedOrigins` in all is refused and nothing is added.
 */
export async function addSiteOrigins(db: Database, siteId: string, origins: string[]): Promise<string[] | null> {
  const added = origins.map(normaliseOrigin);
  return db.transaction(async (tx) => {
    const [site] = await tx.select({ allowedOrigins: sites.allowedOrigins }).from(sites).where(eq(sites.id, siteId)).for('update');
    if (!site) return null;
    const allowedOrigins = [...new Set([...site.allowedOrigins, ...added])];
    if (allowedOrigins.length === site.allowedOrigins.length) return site.allowedOrigins;
    if (allowedOrigins.length > maxAllowedOrigins) {
      throw new ApiError(
        'invalid_request',
        `origin: a site allows at most ${maxAllowedOrigins} origins; remove one first (DELETE /v1/site/origins?origin=…)`,
      );
    }
    await tx.update(sites).set({ allowedOrigins }).where(eq(sites.id, siteId));
    return allowedOrigins;
  });
}

/** Takes an origin off a site's allow-list; the new list, or null when there is no such site. */
export async function removeSiteOrigin(db: Database, siteId: string, origin: string): Promise<string[] | null> {
  const [updated] = await db
    .update(sites)
    .set({ allowedOrigins: sql`array_remove(${sites.allowedOrigins}, ${normaliseOrigin(origin)})` })
    .where(eq(sites.id, siteId))
    .returning({ allowedOrigins: sites.allowedOrigins });
  return updated ? updated.allowedOrigins : null;
}
