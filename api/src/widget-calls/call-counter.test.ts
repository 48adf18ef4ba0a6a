import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestSite, startTestApp, type TestApp, testOrigin } from '../../test/test-app.ts';
import type { Database } from '../db/client.ts';
import { widgetCallCounts } from '../db/schema/index.ts';
import { createCallCounter, maxOriginLength } from './call-counter.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

const rowsOf = (siteId: string) => testApp.db.select().from(widgetCallCounts).where(eq(widgetCallCounts.siteId, siteId));

describe('counting widget calls', () => {
  it('writes nothing until flushed, then one row per site, outcome, origin and hour, adding up across flushes', async () => {
    const { siteId } = await newTestSite(testApp);
    // Within the two days refusals are kept: the app's own counter prunes older ones.
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 2 * 3_600_000;
    const at = (minutes: number) => new Date(hour + minutes * 60_000);
    let time = at(15);
    const counter = createCallCounter(testApp.db, { now: () => time, flushEveryMs: 0 });
    counter.record(siteId, 'accepted', testOrigin);
    counter.record(siteId, 'accepted', testOrigin);
    counter.record(siteId, 'wrong_origin', 'https://elsewhere.test');
    expect(await rowsOf(siteId)).toEqual([]);

    await counter.flush();
    time = at(40);
    counter.record(siteId, 'accepted', testOrigin);
    await counter.flush();
    time = at(65);
    counter.record(siteId, 'accepted', testOrigin);
    await counter.flush();

    const rows = (await rowsOf(siteId)).map(({ hour, outcome, origin, count, firstAt, lastAt }) => ({
      hour,
      outcome,
      origin,
      count,
      firstAt,
      lastAt,
    }));
    expect(rows).toEqual(
      expect.arrayContaining([
        { hour: at(0), outcome: 'accepted', origin: testOrigin, count: 3, firstAt: at(15), lastAt: at(40) },
        { hour: at(60), outcome: 'accepted', origin: testOrigin, count: 1, firstAt: time, lastAt: time },
        {
          hour: at(0),
          outcome: 'wrong_origin',
          origin: 'https://elsewhere.test',
          count: 1,
          firstAt: at(15),
          lastAt: at(15),
        },
      ]),
    );
    expect(rows).toHaveLength(3);
    expect(counter.stats().pending).toBe(0);
  });

  it('stays bounded under a flood of random origins, and still counts a real install during it', async () => {
    const { siteId } = await newTestSite(testApp);
    const counter = createCallCounter(testApp.db, { maxKeys: 50, flushEveryMs: 0 });
    for (let i = 0; i < 5000; i++) counter.record(siteId, 'wrong_origin', `https://${randomUUID()}.test/${'x'.repeat(1000)}`);
    counter.record(siteId, 'accepted', testOrigin);
    expect(counter.stats()).toEqual({ pending: 51, dropped: 4950 });
    await counter.flush();
    // Flushed keys do not make room for more within the hour: the table grows no faster than memory.
    for (let i = 0; i < 100; i++) counter.record(siteId, 'wrong_origin', `https://${randomUUID()}.test`);
    await counter.flush();

    const rows = await rowsOf(siteId);
    expect(rows.filter((row) => row.outcome === 'wrong_origin')).toHaveLength(50);
    expect(rows.filter((row) => row.outcome === 'accepted')).toHaveLength(1);
    expect(Math.max(...rows.map((row) => row.origin.length))).toBe(maxOriginLength);
  });

  it('keeps the counts of a failed write for the next flush, and never throws into the caller', async () => {
    const { siteId } = await newTestSite(testApp);
    let down = true;
    const flaky = new Proxy(testApp.db, {
      get: (target, property, receiver) =>
        down && property === 'insert'
          ? () => {
              throw new Error('connection refused');
            }
          : Reflect.get(target, property, receiver),
    }) as Database;
    const counter = createCallCounter(flaky, { flushEveryMs: 0 });
    counter.record(siteId, 'accepted', testOrigin);
    await expect(counter.flush()).resolves.toBeUndefined();
    counter.record(siteId, 'accepted', testOrigin);
    expect(counter.stats().pending).toBe(1);

    down = false;
    await counter.flush();
    expect((await rowsOf(siteId)).map((row) => row.count)).toEqual([2]);
  });

  it('counts a key no site has without a site, by its origin', async () => {
    const origin = `https://${randomUUID()}.test`;
    const counter = createCallCounter(testApp.db, { flushEveryMs: 0 });
    counter.record(null, 'unknown_key', origin);
    counter.record(null, 'unknown_key', origin);
    await counter.flush();
    const rows = await testApp.db.select().from(widgetCallCounts).where(eq(widgetCallCounts.origin, origin));
    expect(rows.map(({ siteId, count }) => ({ siteId, count }))).toEqual([{ siteId: null, count: 2 }]);
  });

  it('forgets refusals after two days, and keeps accepted calls, which say when the site was first installed', async () => {
    const { siteId } = await newTestSite(testApp);
    const threeDaysAgo = new Date(Date.now() - 72 * 3_600_000);
    const old = { siteId, hour: threeDaysAgo, origin: testOrigin, count: 1, firstAt: threeDaysAgo, lastAt: threeDaysAgo };
    await testApp.db.insert(widgetCallCounts).values([
      { ...old, outcome: 'accepted' },
      { ...old, outcome: 'wrong_origin' },
    ]);
    await createCallCounter(testApp.db, { flushEveryMs: 0 }).flush();
    expect((await rowsOf(siteId)).map((row) => row.outcome)).toEqual(['accepted']);
  });
});
