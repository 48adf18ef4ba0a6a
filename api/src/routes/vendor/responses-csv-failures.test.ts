import { errorBodySchema } from '@tenpoint/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestSite, serveOverHttp, startTestApp, type TestApp } from '../../../test/test-app.ts';

// Over real HTTP: what matters is what a client downloading the file sees.
let testApp: TestApp;
let served: Awaited<ReturnType<typeof serveOverHttp>>;
let origin: string;

beforeAll(async () => {
  testApp = await startTestApp();
  served = await serveOverHttp(testApp);
  origin = served.origin;
});
afterAll(async () => {
  await served.close();
  await testApp.close();
});

type Site = Awaited<ReturnType<typeof newTestSite>>;

/**
 * `count` responses a minute apart, the oldest one unreadable (an update time no date can hold), so
 * that reading it fails: on the first page of the export, or on the second when there are more
 * than a page's 1,000. Written without the tally triggers, which only this site's scores would miss.
 */
async function responsesWithOneUnreadable(site: Site, count: number) {
  await testApp.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`
      insert into responses (site_id, id, survey_id, user_id, score, band, comment, created_at, updated_at)
      select ${site.siteId}, gen_random_uuid(), ${site.surveyId}, 'u_' || n, 9, 'high', 'fine',
        timestamptz '2026-01-01' + n * interval '1 minute',
        case when n = 1 then timestamptz '-infinity' else timestamptz '2026-01-01' + n * interval '1 minute' end
      from generate_series(1, ${count}) as n`);
  });
}

const download = (site: Site) => fetch(`${origin}/v1/responses.csv`, { headers: { Authorization: `Bearer ${site.secretKey}` } });

describe('GET /v1/responses.csv when reading fails', () => {
  it('before the first page is sent: an error status in the one shape, not a 200 with an empty file', async () => {
    const site = await newTestSite(testApp);
    await responsesWithOneUnreadable(site, 5);
    const response = await download(site);
    const text = await response.text();
    expect(response.status, text).toBeGreaterThanOrEqual(500);
    expect(errorBodySchema.safeParse(JSON.parse(text)).success, text).toBe(true);
  });

  it('after the first page: the transfer breaks off, so that the client cannot take it for a whole file', async () => {
    const site = await newTestSite(testApp);
    await responsesWithOneUnreadable(site, 1500);
    const response = await download(site);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow(/terminated/);
  });

  it('a readable export still arrives whole', async () => {
    const site = await newTestSite(testApp);
    await responsesWithOneUnreadable(site, 1500);
    await testApp.db.execute(sql`update responses set updated_at = created_at where site_id = ${site.siteId} and user_id = 'u_1'`);
    const response = await download(site);
    expect(response.status).toBe(200);
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 1500);
  });
});
