import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './client.ts';
import { queryRows, type RawRow } from './query-rows.ts';

// A database of this file's own on the server (when DATABASE_URL is set): the test breaks a
// function that the other test files, sharing DATABASE_URL, rely on.
const serverUrl = process.env.DATABASE_URL;
const name = `tenpoint_definitions_${randomUUID().slice(0, 8)}`;
const admin = serverUrl ? postgres(serverUrl, { max: 1, onnotice: () => {} }) : undefined;
const databaseUrl = serverUrl ? Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString() : undefined;

beforeAll(async () => {
  await admin?.unsafe(`create database ${name}`);
});
afterAll(async () => {
  await admin?.unsafe(`drop database if exists ${name} with (force)`);
  await admin?.end();
});

describe('the SQL definitions (score engine, webhook outbox)', () => {
  it('are made again on every start, so that what their files say is what runs', async () => {
    const database = await openDatabase({ databaseUrl, dataDir: null });
    try {
      await database.migrate();
      await database.db.execute(
        sql.raw(`create or replace function tenpoint_fold_tallies(max_rows integer) returns integer language sql as 'select -1'`),
      );
      await database.migrate();
      const [row] = await queryRows(database.db, sql`select tenpoint_fold_tallies(100) as folded`, (row): RawRow => row);
      expect(Number(row!.folded)).toBe(0);
    } finally {
      await database.close();
    }
  });

  it.runIf(serverUrl)('are made by several API processes starting at once on the server', async () => {
    const databases = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl, dataDir: null })));
    try {
      await Promise.all(databases.map((database) => database.migrate()));
      const [row] = await queryRows(
        databases[0]!.db,
        sql`select tenpoint_segment_value('locale', 1, null, 'nl', '{}', '{}') as value`,
        (row): RawRow => row,
      );
      expect(row!.value).toBe('nl');
    } finally {
      await Promise.all(databases.map((database) => database.close()));
    }
  });
});
