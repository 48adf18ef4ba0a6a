import { randomUUID } from 'node:crypto';
import { surveySchema } from '@tenpoint/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  aUser,
  expectError,
  expectStatus,
  newTestSite,
  postJson,
  sendWithKey,
  startTestApp,
  type TestApp,
} from '../../../test/test-app.ts';
import { queryRows } from '../../db/query-rows.ts';
import { foldTallies } from '../../scores/tally-folder.ts';
import { deleteSurvey } from '../../surveys/delete-survey.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

const send = (method: string, path: string, secretKey: string, body?: unknown) => sendWithKey(testApp, method, path, secretKey, body);
type Site = Awaited<ReturnType<typeof newTestSite>>;

const createCsat = async (site: Site, name: string) =>
  surveySchema.parse(
    await expectStatus(
      await send('POST', '/v1/surveys', site.secretKey, {
        type: 'csat',
        name,
        productName: 'Support',
        settings: { wording: { ar: { question: 'كيف كانت تجربتك؟' } }, appearance: { position: 'modal' } },
      }),
      201,
    ),
  );

const rowsOf = async (site: Site, surveyId: string) => {
  const count = async (table: string) =>
    (
      await queryRows(
        testApp.db,
        sql`select count(*)::int as n from ${sql.identifier(table)} where site_id = ${site.siteId} and survey_id = ${surveyId}`,
        z.object({ n: z.number() }),
      )
    )[0]!.n;
  const tables = ['responses', 'impressions', 'declines', 'hourly_tallies', 'daily_tallies', 'weekly_tallies', 'tally_changes'];
  return Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await count(table)] as const)));
};

describe('POST /v1/surveys/{id}/duplicate', () => {
  it('makes a switched-off copy with the same type and settings, named "… (copy)"', async () => {
    const site = await newTestSite(testApp);
    const original = await createCsat(site, 'Support CSAT');
    const copy = surveySchema.parse(await expectStatus(await send('POST', `/v1/surveys/${original.id}/duplicate`, site.secretKey), 201));
    expect(copy).toMatchObject({ type: 'csat', name: 'Support CSAT (copy)', productName: 'Support', enabled: false, isDefault: false });
    expect(copy.id).not.toBe(original.id);
    expect(copy.settings).toEqual(original.settings);
    const list = (await expectStatus(await send('GET', '/v1/surveys', site.secretKey), 200)) as { data: unknown[] };
    expect(list.data).toHaveLength(3);
  });

  it('keeps a long name within the 100 characters a name may have', async () => {
    const site = await newTestSite(testApp);
    const original = await createCsat(site, 'x'.repeat(100));
    const copy = surveySchema.parse(await expectStatus(await send('POST', `/v1/surveys/${original.id}/duplicate`, site.secretKey), 201));
    expect(copy.name).toHaveLength(100);
    expect(copy.name.endsWith(' (copy)')).toBe(true);
  });

  it("is not found for another site's survey", async () => {
    const [mine, theirs] = [await newTestSite(testApp), await newTestSite(testApp)];
    await expectError(await send('POST', `/v1/surveys/${theirs.surveyId}/duplicate`, mine.secretKey), 404, 'not_found');
  });
});

describe('DELETE /v1/surveys/{id}', () => {
  it('deletes a survey named exactly, with its responses, impressions, declines and tallies', async () => {
    const site = await newTestSite(testApp);
    const survey = await createCsat(site, 'Checkout CSAT');
    for (const score of [5, 1]) {
      const body = { siteKey: site.siteKey, surveyId: survey.id, id: randomUUID(), user: aUser(), score };
      await expectStatus(await postJson(testApp, '/v1/responses', body), 201);
    }
    await postJson(testApp, '/v1/declines', { siteKey: site.siteKey, surveyId: survey.id, user: aUser() });
    await foldTallies(testApp.db);
    expect((await rowsOf(site, survey.id)).daily_tallies).toBeGreaterThan(0);

    const path = `/v1/surveys/${survey.id}?confirm=${encodeURIComponent('Checkout CSAT')}`;
    expect(await expectStatus(await send('DELETE', path, site.secretKey), 204)).toBeUndefined();
    await foldTallies(testApp.db);
    expect(
      Object.values(await rowsOf(site, survey.id)).every((count) => count === 0),
      JSON.stringify(await rowsOf(site, survey.id)),
    ).toBe(true);
    await expectError(await send('GET', `/v1/surveys/${survey.id}`, site.secretKey), 404, 'not_found');
    await expectError(await send('DELETE', path, site.secretKey), 404, 'not_found');
  });

  it('refuses a name that does not match, and keeps the survey', async () => {
    const site = await newTestSite(testApp);
    const survey = await createCsat(site, 'Checkout CSAT');
    expect(
      await expectError(await send('DELETE', `/v1/surveys/${survey.id}?confirm=checkout%20csat`, site.secretKey), 400, 'invalid_request'),
    ).toBe('confirm: type the survey\'s name exactly ("Checkout CSAT") to delete it');
    expect(await expectError(await send('DELETE', `/v1/surveys/${survey.id}`, site.secretKey), 400, 'invalid_request')).toBe(
      'confirm: type the survey’s name, exactly, to delete it',
    );
    await expectError(await send('DELETE', `/v1/surveys/${survey.id}`, site.secretKey), 400, 'invalid_request');
    await expectStatus(await send('GET', `/v1/surveys/${survey.id}`, site.secretKey), 200);
  });

  it("refuses the site's default survey: widget calls without a surveyId need it", async () => {
    const site = await newTestSite(testApp);
    const stored = surveySchema.parse(await expectStatus(await send('GET', `/v1/surveys/${site.surveyId}`, site.secretKey), 200));
    const message = await expectError(
      await send('DELETE', `/v1/surveys/${site.surveyId}?confirm=${encodeURIComponent(stored.name)}`, site.secretKey),
      409,
      'conflict',
    );
    expect(message).toMatch(/default survey/);
    await expectStatus(await send('GET', `/v1/surveys/${site.surveyId}`, site.secretKey), 200);
  });

  it('answers widget calls for a survey another API process just deleted with 404, not 500', async () => {
    // This process keeps the site and its surveys cached; the other process's delete is a plain delete here.
    const cached = await startTestApp({ lookupTtlMs: 60_000 });
    try {
      const site = await newTestSite(cached);
      const created = await sendWithKey(cached, 'POST', '/v1/surveys', site.secretKey, { type: 'csat', name: 'Gone', productName: 'x' });
      const survey = surveySchema.parse(await expectStatus(created, 201));
      const call = { siteKey: site.siteKey, surveyId: survey.id, user: aUser() };
      await expectStatus(await postJson(cached, '/v1/eligibility', call), 200);
      await cached.db.transaction((tx) => deleteSurvey(tx, { siteId: site.siteId, id: survey.id }));
      await expectError(await postJson(cached, '/v1/responses', { ...call, id: randomUUID(), score: 4 }), 404, 'not_found');
      await expectError(await postJson(cached, '/v1/impressions', { ...call, impressionId: randomUUID() }), 404, 'not_found');
      await expectError(await postJson(cached, '/v1/declines', call), 404, 'not_found');
    } finally {
      await cached.close();
    }
  });

  it("is not found for another site's survey", async () => {
    const [mine, theirs] = [await newTestSite(testApp), await newTestSite(testApp)];
    const survey = await createCsat(theirs, 'Theirs');
    await expectError(await send('DELETE', `/v1/surveys/${survey.id}?confirm=Theirs`, mine.secretKey), 404, 'not_found');
    await expectStatus(await send('GET', `/v1/surveys/${survey.id}`, theirs.secretKey), 200);
  });
});
