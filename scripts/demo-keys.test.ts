import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DatabaseHandle, openDatabase, schema } from '@tenpoint/api';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoSite } from './demo-keys.ts';

let database: DatabaseHandle;
const scratch = mkdtempSync(join(tmpdir(), 'tenpoint-keys-'));
beforeAll(async () => {
  database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: null });
  await database.migrate();
});
afterAll(async () => {
  await database.close();
  rmSync(scratch, { recursive: true, force: true });
});

const sitesNamed = async (siteId: string) => database.db.select().from(schema.sites).where(eq(schema.sites.id, siteId));

describe('the demo site and its keys', () => {
  it('keeps the same site on a second start and adds new origins once', async () => {
    const dataDir = join(scratch, 'again');
    const first = await ensureDemoSite(database.db, dataDir, ['http://127.0.0.1:5173', 'http://localhost:5173']);
    const second = await ensureDemoSite(database.db, dataDir, ['http://127.0.0.1:5173', 'http://localhost:6000/']);
    expect(second).toEqual({ ...first, created: false });
    const [site] = await sitesNamed(first.siteId);
    expect([...site!.allowedOrigins].sort()).toEqual(['http://127.0.0.1:5173', 'http://localhost:5173', 'http://localhost:6000']);
  });

  it('makes a data folder that does not exist yet, and never leaves a site whose secret is lost', async () => {
    const dataDir = join(scratch, 'not', 'there', 'yet');
    const site = await ensureDemoSite(database.db, dataDir, ['http://127.0.0.1:5173']);
    expect(JSON.parse(readFileSync(join(dataDir, 'demo-site.json'), 'utf8'))).toMatchObject({
      siteId: site.siteId,
      secretKey: site.secretKey,
    });

    // A folder that cannot be made (a file is in the way): refused before any site is created.
    const blocked = join(scratch, 'a-file');
    writeFileSync(blocked, '');
    const before = await database.db.select({ id: schema.sites.id }).from(schema.sites);
    await expect(ensureDemoSite(database.db, join(blocked, 'data'), ['http://127.0.0.1:5173'])).rejects.toThrow(/a-file/);
    expect(await database.db.select({ id: schema.sites.id }).from(schema.sites)).toHaveLength(before.length);
    expect(existsSync(join(blocked, 'data'))).toBe(false);
  });
});
