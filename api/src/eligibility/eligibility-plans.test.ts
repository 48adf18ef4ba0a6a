import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newTestSite, startTestApp, type TestApp } from '../../test/test-app.ts';
import { queryRows } from '../db/query-rows.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

// The embedded database never gathers statistics, and a new Postgres table has none yet: the
// eligibility check must still find one user's history without reading the whole survey's.
describe('eligibility reads one user’s history, however many answers the survey has', () => {
  it('uses the per-user-and-survey indexes on tables without statistics', async () => {
    const site = await newTestSite(testApp);
    const many = (table: string, time: string) =>
      sql.raw(`insert into ${table} (site_id, id, survey_id, user_id, ${time}${table === 'responses' ? ', score, band' : ''})
        select '${site.siteId}', gen_random_uuid(), '${site.surveyId}', 'u_' || (n % 500),
          now() - n * interval '1 minute'${table === 'responses' ? ", 9, 'high'" : ''}
        from generate_series(1, 5000) as n`);
    for (const [table, time] of [
      ['responses', 'created_at'],
      ['declines', 'created_at'],
      ['impressions', 'shown_at'],
    ] as const) {
      await testApp.db.execute(many(table, time));
      const plan = (
        await queryRows(
          testApp.db,
          sql.raw(
            `explain select max(${time}) from ${table} ` +
              `where site_id = '${site.siteId}' and user_id = 'u_7' and survey_id = '${site.surveyId}'`,
          ),
          z.object({ 'QUERY PLAN': z.string() }),
        )
      )
        .map((row) => row['QUERY PLAN'])
        .join('\n');
      expect(plan, plan).toContain(`${table}_site_user_survey_idx`);
    }
  });
});
