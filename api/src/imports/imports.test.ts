import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { importAnswerSchema, inboxPageSchema, responsesPageSchema, scoresAnswerSchema } from '@tenpoint/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectError,
  expectStatus,
  getWithKey,
  newTestSite,
  postJson,
  sendWithKey,
  startTestApp,
  type TestApp,
} from '../../test/test-app.ts';
import { queryRows } from '../db/query-rows.ts';
import { alertRules } from '../db/schema/index.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({ allowPrivateWebhooks: true });
});
afterAll(() => testApp.close());

type Site = Awaited<ReturnType<typeof newTestSite>>;

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

function post(site: Site, body: string | Uint8Array, query = '', type = 'text/csv') {
  return testApp.app.request(`/v1/imports/responses${query}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': type },
    body,
  });
}

const importOf = async (site: Site, body: string | Uint8Array, query = '') =>
  importAnswerSchema.parse(await expectStatus(await post(site, body, query), 200));

/** An import a refused row stopped: a 400 in the error shape, with the whole report beside it. */
const refusedImportOf = async (site: Site, body: string | Uint8Array, query = '') => {
  const answer = (await expectStatus(await post(site, body, query), 400)) as { error: { code: string; message: string } };
  expect(answer.error.code).toBe('invalid_request');
  return { message: answer.error.message, ...importAnswerSchema.parse(answer) };
};

const scores = async (site: Site, query: string) =>
  scoresAnswerSchema.parse(await expectStatus(await getWithKey(testApp, `/v1/scores${query}`, site.secretKey), 200));

const listed = async (site: Site, query: string) =>
  responsesPageSchema.parse(await expectStatus(await getWithKey(testApp, `/v1/responses${query}`, site.secretKey), 200)).data;

const count = async (table: string, siteId: string) => {
  const [row] = await queryRows(testApp.db, sql`select count(*)::int as n from ${sql.raw(table)} where site_id = ${siteId}`, (raw) => ({
    n: Number(raw.n),
  }));
  return row!.n;
};

async function csatSurvey(site: Site) {
  const created = await expectStatus(
    await sendWithKey(testApp, 'POST', '/v1/surveys', site.secretKey, { type: 'csat', name: 'Support CSAT', productName: 'support' }),
    201,
  );
  return (created as { id: string }).id;
}

describe('POST /v1/imports/responses: each export as documented', () => {
  it('imports a Wootric export: the NPS over its dates is the one counted by hand, and a second import adds nothing', async () => {
    const site = await newTestSite(testApp);
    const answer = await importOf(site, fixture('wootric.csv'));
    expect(answer).toMatchObject({ format: 'wootric', written: true, rowsRead: 6, imported: 6, alreadyThere: 0, refused: 0 });

    // By hand: 10, 9, 10 promoters; 7 passive; 6, 3 detractors: (3 − 2) / 6 = 16.7.
    const march = await scores(site, '?from=2025-03-01&to=2025-03-31&interval=day');
    if (march.type !== 'nps') throw new Error('expected NPS');
    expect([march.nps, march.promoters, march.passives, march.detractors]).toEqual([16.7, 3, 1, 2]);
    const answeredDays = march.series.filter((point) => point.responses > 0).map((point) => point.start);
    expect(answeredDays).toEqual(['2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06', '2025-03-07', '2025-03-10']);

    // Folded into the tallies of those old hours, the figure stays.
    await testApp.db.execute(sql`select tenpoint_fold_tallies(100000)`);
    expect(await count('tally_changes', site.siteId)).toBe(0);
    const folded = await scores(site, '?from=2025-03-01&to=2025-03-31');
    if (folded.type !== 'nps') throw new Error('expected NPS');
    expect([folded.nps, folded.responses]).toEqual([16.7, 6]);

    const again = await importOf(site, fixture('wootric.csv'));
    expect(again).toMatchObject({ imported: 0, alreadyThere: 6, written: false });
    const still = await scores(site, '?from=2025-03-01&to=2025-03-31');
    expect(still.responses).toBe(6);

    const rows = await listed(site, '?from=2025-03-01&to=2025-03-31&limit=10');
    expect(rows.map((row) => row.importedFrom)).toEqual(Array(6).fill('wootric'));
    const byScore = Object.fromEntries(rows.map((row) => [row.comment ?? row.user.userId, row]));
    // The user id is the external id when given, else the email (the snippet shim's rule).
    expect(rows.find((row) => row.createdAt.startsWith('2025-03-04'))?.user.userId).toBe('bob@acme.test');
    expect(byScore['Love it, truly']?.user).toEqual({ userId: 'u_ann', traits: { plan: 'pro', company: 'Acme' } });
    expect(byScore['Love it, truly']?.url).toBe('https://app.acme.test/home');
    expect(byScore['Slow exports\nand a second line']?.locale).toBe('nl');
    expect(byScore['=SUM(A1:A2)']?.createdAt).toBe('2025-03-06T16:45:00.000Z');

    const csv = await (await getWithKey(testApp, '/v1/responses.csv?from=2025-03-01&to=2025-03-31', site.secretKey)).text();
    expect(csv.split('\r\n')[0]).toMatch(/,id,imported_from$/);
    expect(csv).toContain(`"'=SUM(A1:A2)"`);
  });

  it('imports a Delighted CSAT export into the site’s CSAT survey', async () => {
    const site = await newTestSite(testApp);
    const refused = await refusedImportOf(site, fixture('delighted.csv'));
    expect(refused).toMatchObject({ written: false, imported: 0, refused: 5 });
    expect(refused.message).toMatch(
      /^5 rows refused, nothing imported \(skipRefused=true imports the others\): line 2, Survey type: is CSAT/,
    );
    expect(refused.refusedRows[0]).toEqual({
      line: 2,
      column: 'Survey type',
      reason: 'is CSAT, and the site has no CSAT survey: make one first, or pass surveyId',
    });

    const surveyId = await csatSurvey(site);
    expect(await importOf(site, fixture('delighted.csv'))).toMatchObject({ format: 'delighted', imported: 5, refused: 0 });
    // By hand: 5 and 4 high, 3 middle, 2 and 1 low: CSAT 2 / 5 = 40%.
    const april = await scores(site, `?surveyId=${surveyId}&from=2025-04-01&to=2025-04-30`);
    if (april.type !== 'csat') throw new Error('expected CSAT');
    expect([april.csat, april.high, april.middle, april.low]).toEqual([40, 2, 1, 2]);
    const rows = await listed(site, `?surveyId=${surveyId}&from=2025-04-01&to=2025-04-30`);
    // Without an email, the person's Delighted id; the offset date read in UTC.
    expect(rows.find((row) => row.comment === 'Checkout failed, twice')).toMatchObject({
      user: { userId: 'p-3', traits: { plan: 'pro', 'Delighted Source': 'Web' } },
      createdAt: '2025-04-03T16:30:00.000Z',
    });
  });

  it('imports a HubSpot feedback export: NPS 0 from 3 promoters, 1 passive and 3 detractors', async () => {
    const site = await newTestSite(testApp);
    expect(await importOf(site, fixture('hubspot.csv'))).toMatchObject({ format: 'hubspot', imported: 7 });
    const may = await scores(site, '?from=2025-05-01&to=2025-05-31');
    if (may.type !== 'nps') throw new Error('expected NPS');
    expect([may.nps, may.promoters, may.passives, may.detractors]).toEqual([0, 3, 1, 3]);
    const rows = await listed(site, '?from=2025-05-01&to=2025-05-31');
    expect(rows.find((row) => row.score === 2)?.comment).toBe('Billing is confusing; "pro" plan too');
  });

  it('imports the plain CSV (BOM, CRLF) with its accounts and traits', async () => {
    const site = await newTestSite(testApp);
    expect(await importOf(site, fixture('plain.csv'))).toMatchObject({ format: 'csv', imported: 4 });
    const june = await scores(site, '?from=2025-06-01&to=2025-06-30&groupBy=account');
    if (june.type !== 'nps') throw new Error('expected NPS');
    // By hand: 10, 9 promoters; 8 passive; 4 detractor: (2 − 1) / 4 = 25.
    expect([june.nps, june.promoters, june.passives, june.detractors]).toEqual([25, 2, 1, 1]);
    expect(june.groups.map((group) => [group.key, group.responses])).toEqual([
      ['acme', 2],
      ['beta', 1],
    ]);
    const rows = await listed(site, '?from=2025-06-01&to=2025-06-30');
    expect(rows.find((row) => row.user.userId === 'u_1')?.account).toEqual({ id: 'acme', traits: { tier: 'gold' } });
  });
});

describe('POST /v1/imports/responses: refusing', () => {
  it('refuses a malformed file row by row, and writes nothing unless told to skip them', async () => {
    const site = await newTestSite(testApp);
    const answer = await refusedImportOf(site, fixture('malformed.csv'));
    expect(answer).toMatchObject({ rowsRead: 12, imported: 0, refused: 11, written: false });
    expect(answer.refusedRows.map((row) => [row.line, row.column])).toEqual([
      [3, 'score'],
      [4, 'score'],
      [5, 'score'],
      [6, 'score'],
      [7, 'created_at'],
      [8, 'created_at'],
      [9, 'created_at'],
      [10, 'created_at'],
      [11, 'comment'],
      [12, null],
      [13, null],
    ]);
    expect(answer.refusedRows[0]!.reason).toBe('must be a whole number from 0 to 10 (survey "NPS" is NPS); "9.5" is not');
    expect(answer.refusedRows[3]!.reason).toMatch(/"11" is not/);
    expect(answer.refusedRows[4]!.reason).toBe('is before 2000 (0001-01-01): is the date right?');
    expect(answer.refusedRows[6]!.reason).toMatch(/^is in the future/);
    expect(answer.refusedRows[10]!.reason).toMatch(/header row again/);
    expect(await count('responses', site.siteId)).toBe(0);
    expect(await count('users', site.siteId)).toBe(0);

    const dry = await importOf(site, fixture('malformed.csv'), '?skipRefused=true&dryRun=true');
    expect(dry).toMatchObject({ dryRun: true, written: false, imported: 1, refused: 11 });
    expect(await count('responses', site.siteId)).toBe(0);
    expect(await importOf(site, fixture('malformed.csv'), '?skipRefused=true')).toMatchObject({ written: true, imported: 1 });
    expect(await count('responses', site.siteId)).toBe(1);
  });

  it('lists the first 1000 refused rows and counts the rest', async () => {
    const site = await newTestSite(testApp);
    const rows = Array.from({ length: 1500 }, (_, i) => `u${i},ten,2025-01-01`).join('\n');
    const answer = await refusedImportOf(site, `user_id,score,created_at\n${rows}\n`);
    expect([answer.refused, answer.refusedRows.length, answer.refusedNotListed]).toEqual([1500, 1000, 500]);
    expect(answer.refusedRows.at(-1)?.line).toBe(1001);
  });

  it('writes nothing on a dry run, and says what it would import', async () => {
    const site = await newTestSite(testApp);
    expect(await importOf(site, fixture('hubspot.csv'), '?dryRun=true')).toMatchObject({ dryRun: true, written: false, imported: 7 });
    expect(await count('responses', site.siteId)).toBe(0);
    expect(await count('tally_changes', site.siteId)).toBe(0);
  });

  it('refuses hostile files in words: duplicates, a 10 MB comment, bad CSV, other sites’ surveys, no format', async () => {
    const site = await newTestSite(testApp);
    const header = 'id,user_id,score,comment,created_at\r\n';
    const duplicate = await refusedImportOf(
      site,
      `${header}a,u1,9,,2025-01-01\r\nb,u2,9,,2025-01-01\nc,u3,9,,2025-01-01\r\na,u4,3,,2025-01-02\r\n`,
    );
    expect(duplicate.refusedRows).toEqual([{ line: 5, column: 'id', reason: 'is the same response as line 2' }]);

    const huge = await refusedImportOf(site, `${header}x,u1,9,"${'a'.repeat(10 * 1024 * 1024)}",2025-01-01\r\n`);
    expect(huge.refusedRows).toEqual([
      { line: 2, column: 'comment', reason: `must be at most 5000 characters (it has ${10 * 1024 * 1024})` },
    ]);

    expect(await expectError(await post(site, `${header}x,u1,9,"never closed,2025-01-01\r\n`), 400, 'invalid_request')).toBe(
      'body: line 2 is not CSV: a quoted cell is never closed',
    );
    const later = `${header}a,u1,9,"two\nlines",2025-01-01\r\nb,u2,9,"x"y,2025-01-01\r\n`;
    expect(await expectError(await post(site, later), 400, 'invalid_request')).toBe(
      'body: line 4 is not CSV: a quoted cell goes on after its closing quote',
    );
    await expectError(await post(site, 'name,rating\nann,9\n'), 400, 'invalid_request');
    expect(await expectError(await post(site, fixture('wootric.csv'), '?format=hubspot'), 400, 'invalid_request')).toBe(
      'body: the header row has no hs_response_value or hs_submission_timestamp column, which a hubspot export has',
    );
    await expectError(await post(site, `${header}`, `?surveyId=${(await newTestSite(testApp)).surveyId}`), 404, 'not_found');
    await expectError(await post(site, '{}', '', 'application/json'), 415, 'unsupported_media_type');
    await expectError(await post(site, 'x'.repeat(20 * 1024 * 1024 + 1)), 413, 'payload_too_large');
    expect(await count('responses', site.siteId)).toBe(0);
  });

  it('refuses a CSAT row into an NPS survey named by surveyId', async () => {
    const site = await newTestSite(testApp);
    const answer = await refusedImportOf(site, fixture('delighted.csv'), `?surveyId=${site.surveyId}`);
    expect(answer.refusedRows[0]).toMatchObject({ column: 'Survey type', reason: 'is CSAT, but survey "NPS" is NPS' });
  });
});

describe('imported responses are history, not news', () => {
  it('queue no webhook and no alert, and are closed in the inbox', async () => {
    const site = await newTestSite(testApp);
    await expectStatus(
      await sendWithKey(testApp, 'POST', '/v1/webhooks', site.secretKey, { url: 'http://127.0.0.1:9/hook', events: ['response.created'] }),
      201,
    );
    await testApp.db.insert(alertRules).values({
      siteId: site.siteId,
      id: randomUUID(),
      name: 'every answer',
      scope: 'team',
      destination: { kind: 'email', memberIds: [] },
    });
    await importOf(site, fixture('wootric.csv'));
    expect(await count('webhook_deliveries', site.siteId)).toBe(0);
    expect(await count('alert_candidates', site.siteId)).toBe(0);
    const inbox = inboxPageSchema.parse(await expectStatus(await getWithKey(testApp, '/v1/inbox?state=open', site.secretKey), 200));
    expect(inbox.data).toEqual([]);
    expect(inbox.counts.open).toBe(0);

    // The same site queues both for an answer given in the widget.
    const body = { siteKey: site.siteKey, id: randomUUID(), user: { userId: 'u_now' }, score: 2 };
    await expectStatus(await postJson(testApp, '/v1/responses', body), 201);
    expect(await count('webhook_deliveries', site.siteId)).toBe(1);
    expect(await count('alert_candidates', site.siteId)).toBe(1);
  });
});
