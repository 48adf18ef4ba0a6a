import { randomUUID } from 'node:crypto';
import type { Interval } from '@tenpoint/shared';
import { bandOf } from '@tenpoint/shared/scores';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestSite, startTestApp, type TestApp } from '../../test/test-app.ts';
import { declines, impressions, responses, type Survey, surveys } from '../db/schema/index.ts';
import { rollupTallies } from './rollup-tallies.ts';
import { scanTallies } from './scan-tallies.ts';
import type { ScoreQuery } from './score-query.ts';
import { scoreReport } from './score-report.ts';
import { foldTallies, rebuildTraitSegments, vacuumTallyLog } from './tally-folder.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

// A small deterministic generator, so that a failure can be replayed.
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]! };
}

const day = 24 * 3600 * 1000;
const origin = Date.UTC(2026, 2, 1, 0, 0, 0);
const long = (fill: string) => fill.repeat(200);
// Long values: 200 characters (a segment), 201 and 230 (in none), and two that differ only after 200.
const plans = [
  'free',
  'pro',
  'team',
  long('x'),
  `${long('x')}y`,
  `${long('x')}${'z'.repeat(30)}`,
  `${long('x')}w`,
  `${'é'.repeat(200)}`,
] as const;
const zones = ['UTC', 'Europe/Amsterdam', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland'];

async function seed(siteId: string, survey: Survey, rng: ReturnType<typeof random>) {
  const rows = Array.from({ length: 600 }, () => {
    const score = rng.int(11);
    const account = rng.next() < 0.7 ? `acct_${rng.int(12)}` : null;
    // Names and values at the edges of a segment: a user trait spelled like an account trait, a
    // name that is a JavaScript prototype key, values just over and under 200 characters.
    const userTraits = JSON.parse(
      JSON.stringify({
        plan: rng.pick(plans),
        seats: rng.int(5) + 1,
        admin: rng.next() < 0.3,
        'account.tier': rng.pick(['smb', 'enterprise']),
      }).replace(/^\{/, `{"__proto__": ${JSON.stringify(rng.pick(['a', 'b']))},`),
    ) as Record<string, string | number | boolean>;
    return {
      siteId,
      id: randomUUID(),
      surveyId: survey.id,
      userId: `u_${rng.int(300)}`,
      accountId: account,
      score,
      band: bandOf('nps', score),
      locale: rng.next() < 0.9 ? rng.pick(['en', 'nl', 'de', 'he']) : null,
      userTraits,
      accountTraits: account ? { tier: rng.pick(['smb', 'enterprise']), plan: rng.pick(plans) } : ({} as Record<string, string>),
      // Over 45 days, at any minute, so that ranges cut hours and days anywhere.
      createdAt: new Date(origin + rng.int(45 * 24 * 60) * 60_000),
    };
  });
  for (let i = 0; i < rows.length; i += 200) await testApp.db.insert(responses).values(rows.slice(i, i + 200));
  // Changed scores and erased responses must move the tallies too; a comment alone must not.
  for (const row of rows.slice(0, 40)) {
    const score = rng.int(11);
    await testApp.db
      .update(responses)
      .set({ score, band: bandOf('nps', score) })
      .where(and(eq(responses.siteId, siteId), eq(responses.id, row.id)));
  }
  await testApp.db.update(responses).set({ comment: 'later' }).where(eq(responses.siteId, siteId));
  for (const row of rows.slice(40, 60))
    await testApp.db.delete(responses).where(and(eq(responses.siteId, siteId), eq(responses.id, row.id)));
  const events = (count: number) =>
    Array.from({ length: count }, () => ({
      siteId,
      id: randomUUID(),
      surveyId: survey.id,
      userId: `u_${rng.int(300)}`,
      at: new Date(origin + rng.int(45 * 24 * 60) * 60_000),
    }));
  const impressionRows = (count: number) =>
    events(count).map(({ at, ...event }) => ({ ...event, shownAt: at, startsRound: rng.next() < 0.6 }));
  await testApp.db.insert(impressions).values(impressionRows(450));
  // Part folded into the tallies, the rest still waiting in the log: scores read both. The vendor
  // changes which traits are segments in between: those segments are made again from the answers.
  await foldTallies(testApp.db);
  await vacuumTallyLog(testApp.db);
  await testApp.db
    .update(responses)
    .set({ score: 3, band: 'low' })
    .where(and(eq(responses.siteId, siteId), eq(responses.id, rows[61]!.id)));
  const settings = { ...survey.settings, segmentTraits: ['plan', 'seats', '__proto__', 'account.tier', 'account.plan'] };
  await testApp.db
    .update(surveys)
    .set({ settings })
    .where(and(eq(surveys.siteId, siteId), eq(surveys.id, survey.id)));
  survey.settings = settings;
  await rebuildTraitSegments(testApp.db, siteId, survey.id);
  for (const row of rows.slice(60, 90)) {
    const score = rng.int(11);
    await testApp.db
      .update(responses)
      .set({ score, band: bandOf('nps', score) })
      .where(and(eq(responses.siteId, siteId), eq(responses.id, row.id)));
  }
  await testApp.db
    .insert(responses)
    .values(rows.slice(0, 100).map((row) => ({ ...row, id: randomUUID(), createdAt: new Date(row.createdAt.getTime() + 3_600_000) })));
  await testApp.db.insert(impressions).values(impressionRows(450));
  await testApp.db
    .insert(declines)
    .values(events(150).map(({ at, ...event }) => ({ ...event, createdAt: at, userTraits: { plan: rng.pick(['free', 'pro', 'team']) } })));
}

describe('scores from the tally tables', () => {
  it('agree with reading every response, over random ranges, zones, intervals, groups and filters', async () => {
    const site = await newTestSite(testApp);
    const [survey] = await testApp.db.select().from(surveys).where(eq(surveys.siteId, site.siteId));
    const rng = random(20261123);
    await seed(site.siteId, survey!, rng);

    for (let round = 0; round < 150; round++) {
      const startAt = rng.next() < 0.2 ? undefined : new Date(origin + rng.int(40 * 24 * 60) * 60_000 - 2 * day);
      const length = rng.pick([3 * 3600_000, day, 7 * day, 30 * day, 60 * day]) + rng.int(24 * 60) * 60_000;
      const endAt = rng.next() < 0.2 ? undefined : new Date((startAt?.getTime() ?? origin) + length);
      const query: ScoreQuery = {
        siteId: site.siteId,
        survey: survey!,
        start: startAt,
        end: endAt,
        askedAt: new Date(),
        tz: rng.pick(zones),
        interval: rng.pick<Interval | undefined>([undefined, 'day', 'week', 'month']),
        groupBy: rng.pick([
          undefined,
          undefined,
          'account',
          'locale',
          'score',
          'trait:plan',
          'trait:account.tier',
          'trait:seats',
          'trait:__proto__',
          'trait:admin',
          'trait:account.plan',
        ]),
        traits: JSON.parse(
          rng.pick([
            '{}',
            '{}',
            '{"plan":"pro"}',
            '{"account.tier":"enterprise"}',
            '{"admin":"true"}',
            '{"plan":"team","seats":"2"}',
            '{"__proto__":"a"}',
            `{"plan":${JSON.stringify(long('x'))}}`,
            `{"plan":${JSON.stringify(`${long('x')}y`)}}`,
            '{"account.plan":"free"}',
          ]),
        ) as Record<string, string>,
        minSample: rng.pick([1, 30]),
      };
      const described = JSON.stringify({ ...query, survey: undefined });
      const fromTallies = scoreReport(query, await rollupTallies(testApp.db, query));
      const fromScan = scoreReport(query, await scanTallies(testApp.db, query));
      expect(fromTallies, described).toEqual(fromScan);
    }
  });

  it('count what the site has, less the erased responses', async () => {
    const site = await newTestSite(testApp);
    const [survey] = await testApp.db.select().from(surveys).where(eq(surveys.siteId, site.siteId));
    await seed(site.siteId, survey!, random(7));
    const query: ScoreQuery = { siteId: site.siteId, survey: survey!, askedAt: new Date(), tz: 'UTC', traits: {}, minSample: 30 };
    const report = scoreReport(query, await rollupTallies(testApp.db, query));
    expect(report.responses).toBe(680);
    expect(report.impressions).toBe(900);
    const rounds = await testApp.db.$count(impressions, and(eq(impressions.siteId, site.siteId), eq(impressions.startsRound, true)));
    expect(report.usersShown).toBe(rounds);
    expect(rounds).toBeGreaterThan(450);
    expect(report.declines).toBe(150);
  });
});
