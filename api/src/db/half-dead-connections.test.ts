import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTcpProxy } from '../../test/tcp-proxy.ts';
import { newTestSite, postJson, startTestAppOn, type TestApp } from '../../test/test-app.ts';
import { queryRows } from './query-rows.ts';

const databaseUrl = process.env.DATABASE_URL;

// Generous for a loaded machine, and far below the minutes a kernel keeps a silent socket.
const readinessBoundMs = 10_000;
const recoveryBoundMs = 20_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds; answers the milliseconds it took, or null after `boundMs`. */
async function msUntil(boundMs: number, check: () => Promise<boolean>): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < boundMs) {
    if (await check()) return performance.now() - started;
    await pause(100);
  }
  return null;
}

// A connection can stop answering without closing (a NAT that forgot it, a failover behind a
// firewall), and the kernel keeps such a socket for minutes. The embedded database cannot.
describe.skipIf(!databaseUrl)('half-dead database connections', () => {
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let testApp: TestApp;

  // Each case starts with its own pool, none of whose connections an earlier case silenced.
  beforeEach(async () => {
    const url = new URL(databaseUrl!);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.port = String(proxy.port);
    testApp = await startTestAppOn(url.toString());
  });
  afterEach(async () => {
    await testApp?.close();
    await proxy?.close();
  });

  const scenarios = {
    'the database goes silent, then new connections work while the old ones stay silent': {
      silence: () => proxy.down('silence'),
      recover: () => proxy.up(),
    },
    'the open connections go silent while new ones work': {
      silence: async () => proxy.silenceOpen(),
      recover: async () => {},
    },
  };

  it.each(Object.keys(scenarios))(
    '%s: /readyz fails soon, responses flow again soon, and every acknowledged response is stored once',
    async (name) => {
      const scenario = scenarios[name as keyof typeof scenarios];
      const site = await newTestSite(testApp);
      const responsesSent = new Map<string, { body: unknown; statuses: number[] }>();
      const sendResponse = async (id: string) => {
        const entry = responsesSent.get(id)!;
        const response = await postJson(testApp, '/v1/responses', entry.body);
        entry.statuses.push(response.status);
        await response.arrayBuffer();
        return response.status;
      };
      let running = true;
      const workers = Array.from({ length: 12 }, async () => {
        while (running) {
          const id = randomUUID();
          responsesSent.set(id, { body: { siteKey: site.siteKey, user: { userId: `u_${randomUUID()}` }, id, score: 9 }, statuses: [] });
          await sendResponse(id);
          await pause(20);
        }
      });
      const acknowledgedCount = () => [...responsesSent.values()].filter((entry) => entry.statuses.includes(201)).length;

      expect(await msUntil(recoveryBoundMs, async () => acknowledgedCount() >= 20), 'responses flowing before the silence').not.toBeNull();
      await scenario.silence();
      const unready = await msUntil(readinessBoundMs, async () => (await testApp.app.request('/readyz')).status === 503);
      await scenario.recover();
      const flowing = await msUntil(recoveryBoundMs, async () => {
        const probe = randomUUID();
        responsesSent.set(probe, {
          body: { siteKey: site.siteKey, user: { userId: `u_${randomUUID()}` }, id: probe, score: 7 },
          statuses: [],
        });
        return (await sendResponse(probe)) === 201;
      });
      const ready = await msUntil(recoveryBoundMs, async () => (await testApp.app.request('/readyz')).status === 200);
      running = false;
      await Promise.all(workers);

      expect(unready, `ms from the silence until /readyz answered 503 (bound ${readinessBoundMs})`).not.toBeNull();
      expect(flowing, `ms from the recovery until POST /v1/responses answered 201 (bound ${recoveryBoundMs})`).not.toBeNull();
      expect(ready, 'ms until /readyz answered 200 again').not.toBeNull();

      // The widget retries what was not acknowledged with the same id; a retry never makes a second row.
      const unanswered = [...responsesSent.entries()].filter(
        ([, entry]) => !entry.statuses.some((status) => status === 200 || status === 201),
      );
      for (const [id] of unanswered) {
        const status = await sendResponse(id);
        expect([200, 201], `retry of ${id}`).toContain(status);
      }
      const rows = await queryRows(
        testApp.db,
        sql`select id, count(*)::int as copies from responses where site_id = ${site.siteId} group by id`,
        z.object({ id: z.unknown(), copies: z.unknown() }),
      );
      const stored = new Map(rows.map((row) => [String(row.id), Number(row.copies)]));
      const acknowledged = [...responsesSent.entries()].filter(([, entry]) => entry.statuses.includes(201)).map(([id]) => id);
      expect(
        acknowledged.filter((id) => stored.get(id) !== 1),
        'responses acknowledged with 201 but not stored exactly once',
      ).toEqual([]);
      expect(stored.size, 'rows for the responses sent').toBe(responsesSent.size);
      console.log(
        `${name}: /readyz 503 after ${Math.round(unready!)} ms; 201 again ${Math.round(flowing!)} ms after the recovery; ` +
          `${responsesSent.size} responses, ${unanswered.length} retried`,
      );
    },
    90_000,
  );

  it('lets a slow statement within the bound finish on a connection that answers', async () => {
    const rows = await queryRows(testApp.db, sql`select pg_sleep(3), 'done' as outcome`, z.object({ outcome: z.unknown() }));
    expect(rows[0]?.outcome).toBe('done');
  }, 30_000);

  it('cuts short a statement that runs longer than the bound', async () => {
    const started = performance.now();
    const error = await testApp.db.execute(sql`select pg_sleep(60)`).then(
      () => null,
      (reason: unknown) => reason,
    );
    const cause = (error as { cause?: { code?: string } } | null)?.cause;
    expect(cause?.code, String(error)).toBe('57014');
    expect(performance.now() - started, 'ms until the statement was cut').toBeLessThan(30_000);
  }, 40_000);
});
