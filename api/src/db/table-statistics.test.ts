import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newTestSite, startTestApp, type TestApp } from '../../test/test-app.ts';
import { queryRows } from './query-rows.ts';
import { analyzeChangedTables } from './table-statistics.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

const statisticsOf = async (table: string) =>
  (
    await queryRows(
      testApp.db,
      sql`select reltuples::int as rows from pg_class where relname = ${table} and relnamespace = current_schema()::regnamespace`,
      z.object({ rows: z.unknown() }),
    )
  )[0]!;

describe('table statistics', () => {
  it('are gathered for a busy table once it has grown by half, and not again before', async () => {
    await analyzeChangedTables(testApp.db);
    const site = await newTestSite(testApp);
    // More than half of what the table holds (other tests' rows included), and at least 400.
    const [before] = await queryRows(testApp.db, sql`select count(*)::int as n from impressions`, z.object({ n: z.unknown() }));
    const count = Math.max(400, Math.ceil(Number(before!.n) * 0.6) + 60);
    await testApp.db.execute(sql`insert into impressions (site_id, id, survey_id, user_id)
      select ${site.siteId}, gen_random_uuid(), ${site.surveyId}, 'u_' || n from generate_series(1, ${count}::int) as n`);
    // Counters of changes reach the statistics views at the end of a transaction, or a little later.
    await expect.poll(() => analyzeChangedTables(testApp.db), { timeout: 5_000 }).toContain('impressions');
    expect(Number((await statisticsOf('impressions')).rows)).toBeGreaterThanOrEqual(count);
    expect(await analyzeChangedTables(testApp.db)).not.toContain('impressions');
  });
});
