import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpProxy } from '../../test/tcp-proxy.ts';
import { capturedLogger } from '../../test/test-app.ts';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import { createWorkers, type Workers } from './create-workers.ts';

const databaseUrl = process.env.DATABASE_URL;
const doings = ['folding score tallies', 'gathering table statistics', 'sending webhooks'];

// The embedded database lives in the process and cannot go away; this is about a Postgres server.
describe.skipIf(!databaseUrl)('workers through database outages', () => {
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let database: DatabaseHandle;
  let workers: Workers;
  const log = capturedLogger('info');

  beforeAll(async () => {
    const url = new URL(databaseUrl!);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.port = String(proxy.port);
    database = await openDatabase({ databaseUrl: url.toString(), dataDir: null });
    await database.migrate();
    workers = createWorkers({
      db: database.db,
      now: () => new Date(),
      logger: log.logger,
      foldEveryMs: 50,
      statisticsEveryMs: 50,
      webhookDelivery: { pollMs: 50 },
    });
    workers.start();
  });
  afterAll(async () => {
    await proxy.up();
    await workers.stop();
    await database.close();
    await proxy.close();
  });

  /** How many lines at `level` each worker has said, in the order of `doings`. */
  const said = (level: string) =>
    doings.map((doing) => log.entries().filter((entry) => entry.level === level && String(entry.msg).startsWith(doing)).length);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

  it('say each outage once as an error, and each recovery as info, however often they happen', async () => {
    await settle();
    expect(said('error')).toEqual([0, 0, 0]);

    await proxy.down('refuse');
    await expect.poll(() => said('error'), { timeout: 5_000 }).toEqual([1, 1, 1]);
    // Every worker fails again and again while it lasts; one line each says so.
    await settle();
    expect(said('error')).toEqual([1, 1, 1]);
    expect(said('info')).toEqual([0, 0, 0]);

    await proxy.up();
    await expect.poll(() => said('info'), { timeout: 10_000 }).toEqual([1, 1, 1]);
    for (const doing of doings) {
      expect(log.entries().find((entry) => entry.level === 'info' && String(entry.msg).startsWith(doing))!.msg).toMatch(
        / works again after \d+ s$/,
      );
    }

    await proxy.down('refuse');
    await expect.poll(() => said('error'), { timeout: 5_000 }).toEqual([2, 2, 2]);
    await proxy.up();
    await expect.poll(() => said('info'), { timeout: 10_000 }).toEqual([2, 2, 2]);
    await settle();
    expect(said('error')).toEqual([2, 2, 2]);
  });
});
