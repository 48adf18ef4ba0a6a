import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { type Site, siteKeys, sites } from '../db/schema/index.ts';
import { hashSecretKey, newSecretKey } from './keys.ts';

export type KeyAccess = 'full' | 'read';

export interface SiteKeyAnswer {
  id: string;
  name: string;
  access: KeyAccess;
  start: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

/** The most keys a site keeps: one per script or person is plenty. */
export const maxKeysPerSite = 50;
// Writing `last_used_at` on every call would make each read a write; once a minute says enough.
const lastUsedGranularity = sql`interval '1 minute'`;

type Executor = Pick<Database, 'insert' | 'select' | 'update' | 'delete'>;

/** Makes a named key for a site; the key is returned this once and only its hash is kept. */
export async function createSiteKey(
  db: Executor,
  input: { siteId: string; name: string; access: KeyAccess; createdBy: string | null },
): Promise<{ key: SiteKeyAnswer; secretKey: string }> {
  const secretKey = newSecretKey();
  const [row] = await db
    .insert(siteKeys)
    .values({
      siteId: input.siteId,
      id: randomUUID(),
      name: input.name,
      access: input.access,
      hash: hashSecretKey(secretKey),
      start: secretKey.slice(0, 7),
      createdBy: input.createdBy,
    })
    .returning();
  return { key: keyAnswer(row!), secretKey };
}

export interface KeyHolder {
  site: Site;
  key: { id: string; name: string; access: KeyAccess };
}

/** The site and key of a secret key, or null; marks the key used. */
export async function findSiteByKey(db: Database, secretKey: string, now: Date): Promise<KeyHolder | null> {
  const [row] = await db
    .select({ site: sites, key: { id: siteKeys.id, name: siteKeys.name, access: siteKeys.access, lastUsedAt: siteKeys.lastUsedAt } })
    .from(siteKeys)
    .innerJoin(sites, eq(sites.id, siteKeys.siteId))
    .where(eq(siteKeys.hash, hashSecretKey(secretKey)))
    .limit(1);
  if (!row) return null;
  if (!row.key.lastUsedAt || now.getTime() - row.key.lastUsedAt.getTime() > 60_000) {
    await db
      .update(siteKeys)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(siteKeys.siteId, row.site.id),
          eq(siteKeys.id, row.key.id),
          or(isNull(siteKeys.lastUsedAt), lt(siteKeys.lastUsedAt, sql`${now.toISOString()}::timestamptz - ${lastUsedGranularity}`)),
        ),
      );
  }
  return { site: row.site, key: { id: row.key.id, name: row.key.name, access: row.key.access } };
}

export async function listSiteKeys(db: Database, siteId: string): Promise<SiteKeyAnswer[]> {
  const rows = await db.select().from(siteKeys).where(eq(siteKeys.siteId, siteId)).orderBy(asc(siteKeys.createdAt), asc(siteKeys.name));
  return rows.map(keyAnswer);
}

/** Replaces a key's secret in place (same name and access): the old secret stops working now. */
export async function rotateSiteKey(db: Database, siteId: string, keyId: string): Promise<string> {
  const secretKey = newSecretKey();
  await db
    .update(siteKeys)
    .set({ hash: hashSecretKey(secretKey), start: secretKey.slice(0, 7), lastUsedAt: null })
    .where(and(eq(siteKeys.siteId, siteId), eq(siteKeys.id, keyId)));
  return secretKey;
}

/**
 * Removes a key; it stops working at once. Null when the site has no such key; `last_full_key` when
 * it is the site's only full key, which would leave no one able to change the site by key. The
 * site's full keys are locked while deciding, so that two revokes at once cannot both pass.
 */
export async function revokeSiteKey(db: Database, siteId: string, keyId: string): Promise<SiteKeyAnswer | null | 'last_full_key'> {
  return db.transaction(async (tx) => {
    const full = await tx
      .select({ id: siteKeys.id })
      .from(siteKeys)
      .where(and(eq(siteKeys.siteId, siteId), eq(siteKeys.access, 'full')))
      .for('update');
    if (full.length === 1 && full[0]!.id === keyId) return 'last_full_key';
    const [row] = await tx
      .delete(siteKeys)
      .where(and(eq(siteKeys.siteId, siteId), eq(siteKeys.id, keyId)))
      .returning();
    return row ? keyAnswer(row) : null;
  });
}

function keyAnswer(row: typeof siteKeys.$inferSelect): SiteKeyAnswer {
  return {
    id: row.id,
    name: row.name,
    access: row.access,
    start: row.start,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}
