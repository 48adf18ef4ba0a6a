import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTcpProxy } from '../../test/tcp-proxy.ts';
import { type DatabaseHandle, openDatabase } from './client.ts';
import { queryRows } from './query-rows.ts';

const databaseUrl = process.env.DATABASE_URL;

// An unhandled rejection ends a Node process: one from the driver would take the API down with it.
describe.skipIf(!databaseUrl)('a connection lost right after it started', () => {
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let database: DatabaseHandle;
  const unhandled: unknown[] = [];
  const record = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    const url = new URL(databaseUrl!);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.port = String(proxy.port);
    database = await openDatabase({ databaseUrl: url.toString(), dataDir: null });
    process.on('unhandledRejection', record);
  });
  afterAll(async () => {
    process.off('unhandledRejection', record);
    await database.close();
    await proxy.close();
  });

  it('fails the statement that was waiting at once, and nothing else: no unhandled rejection, no statement left hanging', async () => {
    proxy.cutNewConnectionsAtFirstStatement(true);
    for (let i = 0; i < 3; i++) await expect(database.db.execute(sql`select 1`)).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(unhandled).toEqual([]);
    proxy.cutNewConnectionsAtFirstStatement(false);
    expect((await queryRows(database.db, sql`select 1 as one`, z.object({ one: z.unknown() })))[0]).toMatchObject({ one: 1 });
  });
});
