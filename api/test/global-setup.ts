import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { TestProject } from 'vitest/node';
import { migrationsFolder } from '../src/bundled-paths.ts';
import { openDatabase } from '../src/db/client.ts';

declare module 'vitest' {
  interface ProvidedContext {
    /** A migrated embedded database, as a PGlite `dumpDataDir()` tarball that test apps start from. */
    embeddedTemplate: string | null;
    /** DATABASE_URL has been migrated once for the whole run: test apps need not migrate it again. */
    databaseUrlMigrated: boolean;
  }
}

/**
 * Runs once before the API's test files. Creating an embedded Postgres (initdb) takes seconds and
 * loading a migrated snapshot of one much less, so every file starts from the same snapshot.
 */
export default async function setup(project: TestProject) {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const database = await openDatabase({ databaseUrl, dataDir: null });
    try {
      await database.migrate();
    } finally {
      await database.close();
    }
    project.provide('embeddedTemplate', null);
    project.provide('databaseUrlMigrated', true);
    return;
  }

  const folder = await mkdtemp(join(tmpdir(), 'tenpoint-test-template-'));
  const removeFolder = () => rm(folder, { recursive: true, force: true });
  try {
    const client = await PGlite.create();
    try {
      // The migrator openDatabase's migrate() runs; test apps run it again on their copy, a no-op.
      await migrate(drizzle(client), { migrationsFolder });
      // Written out now, so that each copy starts without replaying the migrations' WAL.
      await client.exec('checkpoint');
      const template = join(folder, 'migrated.tar');
      // Uncompressed: a gzipped one is a tenth of the size but no quicker to load.
      await writeFile(template, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
      project.provide('embeddedTemplate', template);
    } finally {
      await client.close();
    }
  } catch (error) {
    await removeFolder();
    throw error;
  }
  project.provide('databaseUrlMigrated', false);
  return removeFolder;
}
