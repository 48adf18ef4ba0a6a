import { randomUUID } from 'node:crypto';
import { responsesPageSchema } from '@tenpoint/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUser, expectError, expectStatus, getWithKey, newTestSite, postJson, startTestApp, type TestApp } from '../../../test/test-app.ts';

let testApp: TestApp;
// The app's clock: the real one unless a test sets it.
let clock: Date | undefined;
beforeAll(async () => {
  testApp = await startTestApp({ now: () => clock ?? new Date() });
});
afterAll(() => testApp.close());

type Site = Awaited<ReturnType<typeof newTestSite>>;

async function respond(site: Site, score: number, comment?: string, traits: Record<string, string> = {}) {
  const user = { ...aUser(), traits, account: { id: 'acme', traits: { tier: 'smb' } } };
  await expectStatus(await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id: randomUUID(), user, score, comment }), 201);
}

const page = async (site: Site, query = '') =>
  responsesPageSchema.parse(await expectStatus(await getWithKey(testApp, `/v1/responses${query}`, site.secretKey), 200));

describe('GET /v1/responses', () => {
  it('pages through every response newest first, each once, with its user, account and comment', async () => {
    const site = await newTestSite(testApp);
    for (let score = 0; score <= 6; score++) await respond(site, score, `comment ${score}`);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const result = await page(site, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...result.data.map((response) => response.score));
      cursor = result.nextCursor;
    } while (cursor);
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0]);
    const [newest] = (await page(site, '?limit=1')).data;
    expect(newest).toMatchObject({
      score: 6,
      category: 'detractor',
      comment: 'comment 6',
      account: { id: 'acme', traits: { tier: 'smb' } },
    });
  });

  it('filters by category, comment, words, trait, and puts the lowest scores first when asked', async () => {
    const site = await newTestSite(testApp);
    await respond(site, 10, 'Love the invoices export', { plan: 'pro' });
    await respond(site, 2, 'Too SLOW with many invoices', { plan: 'free' });
    await respond(site, 8, undefined, { plan: 'pro' });
    await respond(site, 0, '50% off? no_thanks', { plan: 'free' });
    const scores = async (query: string) => (await page(site, query)).data.map((response) => response.score);
    expect(await scores('?category=detractor')).toEqual([0, 2]);
    expect(await scores('?hasComment=false')).toEqual([8]);
    expect(await scores('?q=slow')).toEqual([2]);
    expect(await scores('?q=50%25')).toEqual([0]);
    expect(await scores('?q=o_t')).toEqual([0]);
    expect(await scores('?trait.plan=pro')).toEqual([8, 10]);
    expect(await scores('?sort=score')).toEqual([0, 2, 8, 10]);
    expect(await scores(`?sort=score&limit=1&cursor=${(await page(site, '?sort=score&limit=3')).nextCursor}`)).toEqual([10]);
    // A cursor marks a place in one order only: in the other it would skip or repeat responses.
    const byScore = (await page(site, '?sort=score&limit=1')).nextCursor;
    const newest = (await page(site, '?limit=1')).nextCursor;
    for (const query of [`?cursor=${byScore}`, `?sort=newest&cursor=${byScore}`, `?sort=score&cursor=${newest}`]) {
      const refused = await expectError(await getWithKey(testApp, `/v1/responses${query}`, site.secretKey), 400, 'invalid_request');
      expect(refused).toBe('cursor: must be the nextCursor of an earlier page in the same sort');
    }
  });

  it('names what is wrong with the query', async () => {
    const site = await newTestSite(testApp);
    const message = async (query: string) =>
      expectError(await getWithKey(testApp, `/v1/responses${query}`, site.secretKey), 400, 'invalid_request');
    expect(await message('?category=fan')).toBe('category: must be detractor, passive or promoter for this NPS survey');
    expect(await message('?cursor=nonsense')).toBe('cursor: must be the nextCursor of an earlier page');
    expect(await message('?limit=0')).toBe('limit: must be a whole number from 1 to 500');
    expect(await message('?sort=random')).toBe('sort: must be newest or score');
  });
});

describe('GET /v1/responses.csv', () => {
  it("names the file after the day on the app's clock, in UTC", async () => {
    const site = await newTestSite(testApp);
    clock = new Date('2026-03-08T23:30:00Z');
    try {
      const response = await getWithKey(testApp, '/v1/responses.csv', site.secretKey);
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="responses-2026-03-08.csv"');
      await response.arrayBuffer();
    } finally {
      clock = undefined;
    }
  });

  it('streams UTF-8 CSV with a BOM, in which no cell can run as a formula', async () => {
    const site = await newTestSite(testApp);
    const dangerous = [
      '=HYPERLINK("http://evil.example","click")',
      '+1+1',
      '-2+3',
      '@SUM(A1)',
      '\tindented',
      'says "hi", then leaves\nnext line',
      'Überzeugend 👍',
    ];
    for (const comment of dangerous) await respond(site, 9, comment, { plan: '=cmd' });
    const response = await getWithKey(testApp, '/v1/responses.csv', site.secretKey);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="responses-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(
      text.startsWith('created_at,score,category,comment,user_id,account_id,locale,url,user_traits,account_traits,id,imported_from\r\n'),
    ).toBe(true);
    for (const comment of dangerous) {
      const quoted = `"${(/^[=+\-@\t\r]/.test(comment) ? `'${comment}` : comment).replaceAll('"', '""')}"`;
      expect(text).toContain(quoted);
    }
    // Every cell starts with a quote or a digit: nothing a spreadsheet would evaluate.
    expect(text).not.toMatch(/(^|,)[=+\-@]/m);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(dangerous.length + 1);
  });

  it("is refused without the site's secret key", async () => {
    await expectError(await testApp.app.request('/v1/responses.csv'), 401, 'unauthorized');
  });
});
