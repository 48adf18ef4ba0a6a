import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestSite, startTestApp, type TestApp } from '../../test/test-app.ts';
import { createLookups, createTtlCache } from './lookups.ts';

describe('createTtlCache', () => {
  it('loads once per key while fresh, again once expired', async () => {
    let time = 0;
    let loads = 0;
    const cache = createTtlCache<number>(1000, () => time);
    const load = async () => ++loads;
    expect(await Promise.all([cache.get('a', load), cache.get('a', load)])).toEqual([1, 1]);
    time = 999;
    expect(await cache.get('a', load)).toBe(1);
    expect(await cache.get('b', load)).toBe(2);
    time = 1000;
    expect(await cache.get('a', load)).toBe(3);
  });

  it('does not keep a failed load', async () => {
    const cache = createTtlCache<string>(1000, () => 0);
    await expect(cache.get('a', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('a', async () => 'back')).toBe('back');
  });

  it('keeps nothing with a ttl of 0', async () => {
    let loads = 0;
    const cache = createTtlCache<number>(0, () => 0);
    await cache.get('a', async () => ++loads);
    expect(await cache.get('a', async () => ++loads)).toBe(2);
  });
});

describe('createLookups', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('keeps the site, the survey and its parsed settings in one entry: a change in the database is seen once it expires', async () => {
    const site = await newTestSite(testApp);
    let time = 0;
    const lookups = createLookups(testApp.db, 1000, () => time);
    const daysAfterResponse = async () =>
      (await lookups.widgetTarget(site.siteKey, undefined))!.survey!.settings().throttle.daysAfterResponse;
    const first = (await lookups.widgetTarget(site.siteKey, undefined))!;
    expect(first.site.id).toBe(site.siteId);
    const parsed = first.survey!.settings();
    expect(parsed.throttle.daysAfterResponse).toBe(90);

    await testApp.db.execute(
      sql`update surveys set settings = jsonb_set(settings, '{throttle,daysAfterResponse}', '7') where site_id = ${site.siteId}`,
    );
    time = 999;
    const cached = (await lookups.widgetTarget(site.siteKey, undefined))!.survey!;
    expect(cached.settings()).toBe(parsed);
    expect(await daysAfterResponse()).toBe(90);
    time = 1000;
    expect(await daysAfterResponse()).toBe(7);

    await testApp.db.execute(
      sql`update surveys set settings = jsonb_set(settings, '{throttle,daysAfterResponse}', '8') where site_id = ${site.siteId}`,
    );
    lookups.forgetSite({ siteKey: site.siteKey });
    expect(await daysAfterResponse()).toBe(8);
  });

  it('answers null for a key no site has, and no survey for an id the site does not have', async () => {
    const site = await newTestSite(testApp);
    const lookups = createLookups(testApp.db, 1000);
    expect(await lookups.widgetTarget('pk_nosuchsite000', undefined)).toBeNull();
    const target = await lookups.widgetTarget(site.siteKey, randomUUID());
    expect(target?.site.id).toBe(site.siteId);
    expect(target?.survey).toBeNull();
    expect((await lookups.widgetTarget(site.siteKey, site.surveyId))?.survey?.survey.id).toBe(site.surveyId);
  });
});
