import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from './client.ts';
import { queryRows } from './query-rows.ts';

const databaseUrl = process.env.DATABASE_URL;

// How long the handle's close() waits for running statements before cutting them.
const closeTimeoutMs = 5_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A failover, a restarted server or an administrator ends connections in the middle of
// transactions. The transaction must fail to its caller; the driver's rollback on the dead
// connection once threw where nothing could catch it, which ends an API process.
describe.skipIf(!databaseUrl)('a connection lost inside a transaction', () => {
  let handle: DatabaseHandle;
  let admin: postgres.Sql;
  const uncaught: unknown[] = [];
  const keep = (error: unknown) => void uncaught.push(error);

  beforeAll(async () => {
    handle = await openDatabase({ databaseUrl, dataDir: null });
    admin = postgres(databaseUrl!, { max: 1, onnotice: () => {} });
    process.on('uncaughtException', keep);
  });
  afterAll(async () => {
    process.off('uncaughtException', keep);
    await handle?.close();
    await admin?.end();
  });

  it('fails the transaction, throws nothing outside it, and the next statements run', async () => {
    for (let round = 0; round < 3; round++) {
      const transaction = handle.db.transaction(async (tx) => {
        const [pid = 0] = await queryRows(tx, sql`select pg_backend_pid() as pid`, (row) => Number(row.pid));
        setTimeout(() => void admin`select pg_terminate_backend(${pid})`.catch(() => {}), 100);
        await tx.execute(sql`select pg_sleep(3)`);
      });
      await expect(transaction).rejects.toThrow();
      await pause(200);
    }
    expect(uncaught.map(String)).toEqual([]);
    const [one] = await queryRows(handle.db, sql`select 1 as one`, (row) => Number(row.one));
    expect(one).toBe(1);
  });

  it('closes without waiting out its timeout for statements that died with their connection', async () => {
    const closing = handle.close().then(() => 'closed');
    const waitedOut = pause(closeTimeoutMs - 1_000).then(() => 'still waiting');
    expect(await Promise.race([closing, waitedOut])).toBe('closed');
  });
});
