import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { sites } from '../db/schema/index.ts';
import { textArray } from '../db/sql-arrays.ts';
import { normaliseOrigin } from './create-site.ts';

/** Adds origins to a site's allow-list, keeping its order; the new list, or null when there is no such site. */
export async function addSiteOrigins(db: Database, siteId: string, origins: string[]): Promise<string[] | null> {
  const added = origins.map(normaliseOrigin);
  const [updated] = await db
    .update(sites)
    .set({
      allowedOrigins: sql`array(select origin from unnest(${sites.allowedOrigins} || ${textArray(added)}) with ordinality as listed(origin, place)
        group by origin order by min(place))`,
    })
    .where(eq(sites.id, siteId))
    .returning({ allowedOrigins: sites.allowedOrigins });
  return updated ? updated.allowedOrigins : null;
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
