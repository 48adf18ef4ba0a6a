import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { sites } from '../db/schema/index.ts';
import { normaliseOrigin } from './create-site.ts';

/** Adds origins to a site's allow-list; false when there is no such site. */
export async function addSiteOrigins(db: Database, siteId: string, origins: string[]): Promise<boolean> {
  const added = origins.map(normaliseOrigin);
  const updated = await db
    .update(sites)
    .set({ allowedOrigins: sql`array(select distinct unnest(${sites.allowedOrigins} || ${added}::text[]))` })
    .where(eq(sites.id, siteId))
    .returning({ id: sites.id });
  return updated.length > 0;
}
