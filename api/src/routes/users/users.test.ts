import { randomUUID } from 'node:crypto';
import { scoresAnswerSchema } from '@tenpoint/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/rows.ts';
import { foldTallies } from '../../scores/tally-folder.ts';
import { expectError, expectStatus, getWithKey, newTestSite, postJson, startTestApp, type TestApp } from '../../../test/test-app.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

const erase = (path: string, secretKey: string) => testApp.app.request(path, { method: 'DELETE', headers: { Authorization: `Bearer ${secretKey}` } });

describe('/v1/users/:userId', () => {
  it("exports everything stored about a user, then erases it and its answers leave every score", async () => {
    const site = await newTestSite(testApp);
    const ann = { userId: 'ann@acme/1', email: 'ann@acme.io', traits: { plan: 'pro' }, account: { id: 'acme' } };
    const eligibility = await expectStatus(await postJson(testApp, '/v1/eligibility', { siteKey: site.siteKey, user: ann }), 200);
    expect(eligibility).toMatchObject({ eligible: true });
    await expectStatus(await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id: randomUUID(), user: ann, score: 2, comment: 'Too slow' }), 201);
    await expectStatus(await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id: randomUUID(), user: { userId: 'bob' }, score: 10 }), 201);
    const path = `/v1/users/${encodeURIComponent(ann.userId)}`;

    const exported = (await expectStatus(await getWithKey(testApp, path, site.secretKey), 200)) as Record<string, unknown[]> & { user: unknown };
    expect(exported.user).toMatchObject({ userId: ann.userId, email: 'ann@acme.io', accountId: 'acme', traits: { plan: 'pro' } });
    expect(exported.responses).toMatchObject([{ score: 2, category: 'detractor', comment: 'Too slow' }]);
    expect(exported.impressions).toHaveLength(1);

    const scores = async (query = '') => scoresAnswerSchema.parse(await expectStatus(await getWithKey(testApp, `/v1/scores${query}`, site.secretKey), 200));
    expect(await scores()).toMatchObject({ responses: 2, nps: 0 });
    expect(await expectStatus(await erase(path, site.secretKey), 200)).toEqual({ erased: { responses: 1, declines: 0, impressions: 1 } });
    expect(await scores()).toMatchObject({ responses: 1, nps: 100, impressions: 0 });
    expect((await scores('?groupBy=account')).groups).toEqual([]);
    expect((await scores('?trait.plan=pro')).responses).toBe(0);
    const listed = (await expectStatus(await getWithKey(testApp, '/v1/responses', site.secretKey), 200)) as { data: Array<{ user: { userId: string } }> };
    expect(listed.data.map((response) => response.user.userId)).toEqual(['bob']);
    await expectError(await getWithKey(testApp, path, site.secretKey), 404, 'not_found');
    await expectError(await erase(path, site.secretKey), 404, 'not_found');
  });

  it('leaves no tally segment keyed by a value of the erased user, even one the vendor made a segment', async () => {
    const site = await newTestSite(testApp);
    await testApp.db.execute(sql`update surveys set settings = settings || '{"segmentTraits": ["plan", "email"]}' where site_id = ${site.siteId}`);
    const ann = { userId: `u_${randomUUID()}`, traits: { email: 'ann@acme.io', plan: 'pro' }, account: { id: 'acme-ann-only' } };
    const bob = { userId: `u_${randomUUID()}`, traits: { email: 'bob@globex.io', plan: 'pro' } };
    for (const user of [ann, ann, bob]) {
      await expectStatus(await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id: randomUUID(), user, score: 9 }), 201);
    }
    await foldTallies(testApp.db);
    const holding = async (value: string) =>
      rowsOf(
        await testApp.db.execute(sql`select dimension from daily_tallies where site_id = ${site.siteId} and value = ${value}
          union all select dimension from weekly_tallies where site_id = ${site.siteId} and value = ${value}
          union all select kind from tally_changes where site_id = ${site.siteId} and (user_traits ->> 'email' = ${value} or account_id = ${value})`),
      ).length;
    expect(await holding('ann@acme.io')).toBe(2);
    expect(await holding('acme-ann-only')).toBe(2);
    await expectStatus(await erase(`/v1/users/${ann.userId}`, site.secretKey), 200);
    expect(await holding('ann@acme.io')).toBe(0);
    expect(await holding('acme-ann-only')).toBe(0);
    expect(await holding('bob@globex.io')).toBe(2);
    expect(await holding('pro')).toBe(2);
  });
});
