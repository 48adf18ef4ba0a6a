import { siteTraitsSchema } from '@tenpoint/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, getWithKey, newTestSite, postJson, startTestApp, type TestApp } from '../../../test/test-app.ts';

const today = new Date('2026-03-01T09:00:00.000Z');
let clock = today;
let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({ now: () => clock });
});
afterAll(() => testApp.close());

async function seen(siteKey: string, user: object, at: Date) {
  clock = at;
  try {
    return (await expectStatus(await postJson(testApp, '/v1/eligibility', { siteKey, user }), 200)) as { eligible: boolean };
  } finally {
    clock = today;
  }
}

describe('GET /v1/traits', () => {
  it("lists the traits the site's users and accounts have sent, with their common values, segment traits first", async () => {
    const site = await newTestSite(testApp);
    const other = await newTestSite(testApp);
    await seen(
      site.siteKey,
      { userId: 'a', traits: { plan: 'pro', 'team size': 12, beta: true }, account: { id: 'acme', traits: { tier: 'gold' } } },
      today,
    );
    await seen(site.siteKey, { userId: 'b', traits: { plan: 'pro', 'team size': 3 } }, today);
    await seen(site.siteKey, { userId: 'c', traits: { plan: 'free', ünïcødé: 'ja' } }, today);
    await seen(other.siteKey, { userId: 'z', traits: { secretOfOther: 'x' } }, today);

    const traits = siteTraitsSchema.parse(await expectStatus(await getWithKey(testApp, '/v1/traits', site.secretKey), 200));
    expect(traits.usersRead).toBe(3);
    const names = traits.data.map((trait) => trait.name);
    expect(names).not.toContain('secretOfOther');
    // plan and account.tier are default segment traits: first.
    expect(names.slice(0, 2)).toEqual(['plan', 'account.tier']);
    expect(names).toEqual(expect.arrayContaining(['team size', 'beta', 'ünïcødé']));
    expect(traits.data[0]).toMatchObject({
      name: 'plan',
      users: 3,
      segment: true,
      values: [
        { value: 'pro', users: 2 },
        { value: 'free', users: 1 },
      ],
      moreValues: false,
    });
    expect(traits.data.find((trait) => trait.name === 'team size')).toMatchObject({ segment: false, users: 2 });
    expect(traits.data.find((trait) => trait.name === 'beta')?.values).toEqual([{ value: true, users: 1 }]);
    expect(traits.data.find((trait) => trait.name === 'account.tier')?.values).toEqual([{ value: 'gold', users: 1 }]);
  });
});

describe('GET /v1/traits, against names sent to mislead', () => {
  it('never lists a user trait named account.* as the account trait, and says when more traits exist than are listed', async () => {
    const site = await newTestSite(testApp);
    await seen(
      site.siteKey,
      { userId: 'spoof', traits: { 'account.tier': 'spoof' }, account: { id: 'acme', traits: { tier: 'gold' } } },
      today,
    );
    const traits = siteTraitsSchema.parse(await expectStatus(await getWithKey(testApp, '/v1/traits', site.secretKey), 200));
    expect(traits.data.find((trait) => trait.name === 'account.tier')?.values).toEqual([{ value: 'gold', users: 1 }]);
    expect(traits.moreTraits).toBe(false);

    const flooded = await newTestSite(testApp);
    for (let batch = 0; batch < 4; batch++) {
      const names = Object.fromEntries(Array.from({ length: 90 }, (_, index) => [`junk_${batch}_${index}`, 1]));
      await seen(flooded.siteKey, { userId: `flood-${batch}`, traits: names }, today);
    }
    const listed = siteTraitsSchema.parse(await expectStatus(await getWithKey(testApp, '/v1/traits', flooded.secretKey), 200));
    expect(listed.data).toHaveLength(300);
    expect(listed.moreTraits).toBe(true);
  });
});
