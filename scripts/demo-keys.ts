import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addSiteOrigins, createSite, type Database, type NewSite } from '@tenpoint/api';

/**
 * The demo site's keys, kept beside the embedded database because a secret key is shown only
 * once. Made on first start (or when the database no longer has them); its origins kept current.
 */
export async function ensureDemoSite(db: Database, dataDir: string, origins: string[]): Promise<NewSite & { created: boolean }> {
  const keysFile = join(dataDir, 'demo-site.json');
  const saved = existsSync(keysFile) ? (JSON.parse(readFileSync(keysFile, 'utf8')) as NewSite) : undefined;
  if (saved && (await addSiteOrigins(db, saved.siteId, origins))) return { ...saved, created: false };
  // The folder must take the keys before the site exists: a site whose secret was never saved is lost.
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
  } catch (error) {
    throw new Error(`TENPOINT_DATA_DIR ${dataDir} cannot hold the demo site's keys: ${(error as Error).message}`);
  }
  // Test mode lets the demo's "Show the survey" button skip the throttles with tenpoint('show').
  const site = await createSite(db, { name: 'Ledgerly', origins, testMode: true });
  writeFileSync(keysFile, `${JSON.stringify(site, null, 2)}\n`, { mode: 0o600 });
  return { ...site, created: true };
}
