import { randomUUID } from 'node:crypto';
import { scoresAnswerSchema } from '@tenpoint/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
