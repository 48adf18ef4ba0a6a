import { randomUUID } from 'node:crypto';
import { scoresAnswerSchema } from '@tenpoint/shared';
import { bandOf } from '@tenpoint/shared/scores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus, getWithKey, newTestSite, startTestApp, type TestApp } from '../../../test/test-app.ts';
import { responses } from '../../db/schema/index.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

type Site = Awaited<ReturnType<typeof newTestSite>>;

async function respond(site: Site, score: number, userTraits: Record<string, string>, accountTraits: Record<string, string> = {}) {
  await testApp.db.insert(responses).values({
    siteId: site.siteId,
    id: randomUUID(),
    surveyId: site.surveyId,
    userId: `u_${randomUUID()}`,
    score,
    band: bandOf('nps', score),
    userTraits,
    accountTraits,
    accountId: Object.keys(accountTraits).length ? 'acct_1' : null,
  });
}

const groupsBy = async (site: Site, name: string) => {
  const path = `/v1/scores?groupBy=${encodeURIComponent(`trait:${name}`)}`;
  const answer = scoresAnswerSchema.parse(await expectStatus(await getWithKey(testApp, path, site.secretKey), 200));
  return answer.groups.map((group) => [group.key, group.responses]);
};

describe('GET /v1/scores?groupBy=trait:NAME', () => {
  it('groups by any trait the site has sent: spaces, unicode, quotes, account traits', async () => {
    const site = await newTestSite(testApp);
    await respond(site, 10, { 'favourite colour': 'sea green', 'ñandú 🦆': 'sí', 'o\'brien"; drop': 'x' }, { 'team size': '10–50' });
    await respond(site, 0, { 'favourite colour': 'sea green', 'ñandú 🦆': 'no' });
    expect(await groupsBy(site, 'favourite colour')).toEqual([['sea green', 2]]);
    expect(await groupsBy(site, 'ñandú 🦆')).toEqual([
      ['no', 1],
      ['sí', 1],
    ]);
    expect(await groupsBy(site, 'o\'brien"; drop')).toEqual([['x', 1]]);
    expect(await groupsBy(site, 'account.team size')).toEqual([['10–50', 1]]);
    expect(await groupsBy(site, 'never sent')).toEqual([]);
  });

  it('refuses an empty or over-long trait name in the one error shape', async () => {
    const site = await newTestSite(testApp);
    for (const name of ['', 'account.', 'x'.repeat(101)]) {
      const path = `/v1/scores?groupBy=${encodeURIComponent(`trait:${name}`)}`;
      expect(await expectError(await getWithKey(testApp, path, site.secretKey), 400, 'invalid_request')).toMatch(/^groupBy: /);
    }
  });
});
