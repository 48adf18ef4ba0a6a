import { randomBytes } from 'node:crypto';
import { siteSchema } from '@tenpoint/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus, getWithKey, newTestSite, sendWithKey, startTestApp, type TestApp } from '../../../test/test-app.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

const aToken = () => `NPS-${randomBytes(4).toString('hex')}`;
const patch = (secretKey: string, body: unknown) => sendWithKey(testApp, 'PATCH', '/v1/site', secretKey, body);
const siteOf = async (secretKey: string) => siteSchema.parse(await expectStatus(await getWithKey(testApp, '/v1/site', secretKey), 200));

describe("a site's Wootric account token", () => {
  it('is null until set, shown once set, and cleared with null', async () => {
    const site = await newTestSite(testApp);
    expect((await siteOf(site.secretKey)).wootricAccountToken).toBeNull();
    const token = aToken();
    const set = siteSchema.strict().parse(await expectStatus(await patch(site.secretKey, { wootricAccountToken: token }), 200));
    expect(set.wootricAccountToken).toBe(token);
    expect((await siteOf(site.secretKey)).wootricAccountToken).toBe(token);
    await expectStatus(await patch(site.secretKey, { name: 'Renamed' }), 200);
    expect((await siteOf(site.secretKey)).wootricAccountToken).toBe(token);
    await expectStatus(await patch(site.secretKey, { wootricAccountToken: null }), 200);
    expect((await siteOf(site.secretKey)).wootricAccountToken).toBeNull();
  });

  it('is in the audit log, before and after', async () => {
    const site = await newTestSite(testApp);
    const token = aToken();
    await expectStatus(await patch(site.secretKey, { wootricAccountToken: token }), 200);
    const log = (await expectStatus(await getWithKey(testApp, '/v1/audit-log', site.secretKey), 200)) as {
      data: Array<{ action: string; before: unknown; after: unknown }>;
    };
    expect(log.data[0]).toMatchObject({
      action: 'site.updated',
      before: { wootricAccountToken: null },
      after: { wootricAccountToken: token },
    });
  });

  it("answers 409 when another site holds it, and keeps both sites' as they were", async () => {
    const [mine, theirs] = [await newTestSite(testApp), await newTestSite(testApp)];
    const token = aToken();
    await expectStatus(await patch(theirs.secretKey, { wootricAccountToken: token }), 200);
    expect(await expectError(await patch(mine.secretKey, { wootricAccountToken: token, name: 'Mine' }), 409, 'conflict')).toMatch(
      /^wootricAccountToken: another site/,
    );
    expect(await siteOf(mine.secretKey)).toMatchObject({ wootricAccountToken: null });
    expect((await siteOf(mine.secretKey)).name).not.toBe('Mine');
    expect((await siteOf(theirs.secretKey)).wootricAccountToken).toBe(token);
    // Setting its own again is no conflict.
    await expectStatus(await patch(theirs.secretKey, { wootricAccountToken: token }), 200);
  });

  it('goes to one site only when two claim it at once; the other gets 409', async () => {
    const claimants = await Promise.all([newTestSite(testApp), newTestSite(testApp), newTestSite(testApp)]);
    const token = aToken();
    const answers = await Promise.all(claimants.map((site) => patch(site.secretKey, { wootricAccountToken: token })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409]);
    const holders = await Promise.all(claimants.map(async (site) => (await siteOf(site.secretKey)).wootricAccountToken));
    expect(holders.filter((held) => held === token)).toHaveLength(1);
  });

  it('refuses what is not a Wootric token with 400 naming the field, changing nothing', async () => {
    const site = await newTestSite(testApp);
    for (const body of [
      { wootricAccountToken: 'NPS-abc\u0000' },
      { wootricAccountToken: `NPS-${'a'.repeat(10_000)}` },
      { wootricAccountToken: 'NPS-ümlaut' },
      { wootricAccountToken: 'NPS-🙂' },
      { wootricAccountToken: 'pk_abcdef' },
      { wootricAccountToken: '' },
      { wootricAccountToken: 42 },
      '{"wootricAccountToken":"NPS-ab\\ud83d"}',
    ]) {
      const message = await expectError(await patch(site.secretKey, body), 400, 'invalid_request');
      expect(message).toMatch(/^wootricAccountToken/);
    }
    expect((await siteOf(site.secretKey)).wootricAccountToken).toBeNull();
  });
});
