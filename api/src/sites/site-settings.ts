import { randomBytes } from 'node:crypto';
import type { SiteAnswer } from '@tenpoint/shared';
import { asc, eq, or } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { type Site, sites } from '../db/schema/index.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A site as vendor endpoints and the CLI show it: never a key hash or the identity secret. */
export function siteAnswer(site: Site): SiteAnswer {
  const { id, name, siteKey, allowedOrigins, testMode, enforceIdentity, wootricAccountToken, createdAt } = site;
  const identitySecretSet = site.identitySecret !== null;
  return {
    id,
    name,
    siteKey,
    allowedOrigins,
    testMode,
    enforceIdentity,
    identitySecretSet,
    wootricAccountToken,
    createdAt: createdAt.toISOString(),
  };
}

/** The site with this id or site key (`pk_…`), as operators name it on the command line. */
export async function findSite(db: Database, idOrSiteKey: string): Promise<Site | undefined> {
  const [site] = await db
    .select()
    .from(sites)
    .where(uuidPattern.test(idOrSiteKey) ? or(eq(sites.id, idOrSiteKey), eq(sites.siteKey, idOrSiteKey)) : eq(sites.siteKey, idOrSiteKey))
    .limit(1);
  return site;
}

export function listSites(db: Database): Promise<Site[]> {
  return db.select().from(sites).orderBy(asc(sites.createdAt), asc(sites.id));
}

export interface SiteChange {
  name?: string | undefined;
  testMode?: boolean | undefined;
  enforceIdentity?: boolean | undefined;
  wootricAccountToken?: string | null | undefined;
}

/** Changes the given settings of a site; the site as now stored, or undefined when there is none. */
export async function updateSite(db: Database, siteId: string, change: SiteChange): Promise<Site | undefined> {
  if (Object.values(change).every((value) => value === undefined)) {
    const [site] = await db.select().from(sites).where(eq(sites.id, siteId));
    return site;
  }
  const [site] = await db.update(sites).set(change).where(eq(sites.id, siteId)).returning();
  return site;
}

/** Gives the site a new identity secret, replacing any: hashes signed with the old one stop matching. */
export async function renewIdentitySecret(db: Database, siteId: string): Promise<Site | undefined> {
  const identitySecret = `is_${randomBytes(32).toString('base64url')}`;
  const [site] = await db.update(sites).set({ identitySecret }).where(eq(sites.id, siteId)).returning();
  return site;
}
