import { randomUUID } from 'node:crypto';
import { bandOf } from '@tenpoint/shared/scores';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestSite, startTestApp, type TestApp } from '../../test/test-app.ts';
import { dailyTallies, impressions, responses, type Survey, sites, surveys, tallyChanges } from '../db/schema/index.ts';
import { rollupTallies } from './rollup-tallies.ts';
import { scanTallies } from './scan-tallies.ts';
import type { ScoreQuery } from './score-query.ts';
import { scoreReport } from './score-report.ts';
import { foldingTurn, foldTallies } from './tally-folder.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

const origin = Date.UTC(2026, 4, 4, 0, 0, 0);

async function siteWithSurvey() {
  const site = await newTestSite(testApp);
  const [found] = await testApp.db.select().from(surveys).where(eq(surveys.siteId, site.siteId));
  const survey = found!;
  survey.settings = { ...survey.settings, segmentTraits: ['plan', 'account.tier'] };
  await testApp.db.update(surveys).set({ settings: survey.settings }).where(eq(surveys.id, survey.id));
  return { siteId: site.siteId, survey };
}

function responseRows(siteId: string, surveyId: string, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    siteId,
    id: randomUUID(),
    surveyId,
    userId: `u_${i % 17}`,
    accountId: i % 3 === 0 ? `acct_${i % 5}` : null,
    score: i % 11,
    band: bandOf('nps', i % 11),
    locale: i % 2 ? 'en' : 'nl',
    userTraits: { plan: i % 4 === 0 ? 'pro' : 'free' },
    accountTraits: (i % 3 === 0 ? { tier: i % 2 ? 'smb' : 'enterprise' } : {}) as Record<string, string>,
    // Over three days, so that one batch spans hours, days and weeks.
    createdAt: new Date(origin + ((i * 7919) % (3 * 24 * 60)) * 60_000),
  }));
}

async function expectScoresAsScanned(siteId: string, survey: Survey) {
  for (const groupBy of [undefined, 'account', 'locale', 'score', 'trait:plan', 'trait:account.tier']) {
    const query: ScoreQuery = { siteId, survey, askedAt: new Date(), tz: 'UTC', interval: 'day', groupBy, traits: {}, minSample: 1 };
    const fromTallies = scoreReport(query, await rollupTallies(testApp.db, query));
    expect(fromTallies, groupBy).toEqual(scoreReport(query, await scanTallies(testApp.db, query)));
  }
}

const pending = (siteId: string) => testApp.db.$count(tallyChanges, eq(tallyChanges.siteId, siteId));

describe('folding the tally log', () => {
  it('in batches of any size, removals in some and not in others, gives the scores of the rows', async () => {
    const { siteId, survey } = await siteWithSurvey();
    const rows = responseRows(siteId, survey.id, 120);
    await testApp.db.insert(responses).values(rows);
    // Part of the inserts alone, then erasures and changed scores behind them, split across batches.
    expect(await foldTallies(testApp.db, { batch: 7, stopAfter: 50 })).toBeGreaterThanOrEqual(50);
    // Every response of account acct_3 erased: its segment rows must go, not stay at zero.
    const erased = rows.filter((row) => row.accountId === 'acct_3').map((row) => row.id);
    await testApp.db.delete(responses).where(and(eq(responses.siteId, siteId), inArray(responses.id, erased)));
    for (const row of rows.slice(1, 30)) {
      await testApp.db
        .update(responses)
        .set({ score: 10, band: 'high' })
        .where(and(eq(responses.siteId, siteId), eq(responses.id, row.id)));
    }
    await testApp.db.insert(impressions).values(
      rows.slice(0, 40).map((row, i) => ({
        siteId,
        id: randomUUID(),
        surveyId: survey.id,
        userId: row.userId,
        shownAt: row.createdAt,
        startsRound: i % 2 === 0,
      })),
    );
    await foldTallies(testApp.db, { batch: 11 });
    expect(await pending(siteId)).toBe(0);
    await expectScoresAsScanned(siteId, survey);
    const leftOfErased = await testApp.db.$count(
      dailyTallies,
      and(eq(dailyTallies.siteId, siteId), eq(dailyTallies.dimension, 'account'), eq(dailyTallies.value, 'acct_3')),
    );
    expect(leftOfErased).toBe(0);
  });

  it('leaves every change of a fold that fails midway to the next one, which folds each once', async () => {
    const { siteId, survey } = await siteWithSurvey();
    await testApp.db.insert(responses).values(responseRows(siteId, survey.id, 40));
    await expect(
      testApp.db.transaction(async (tx) => {
        await tx.execute(sql`select tenpoint_fold_tallies(1000)`);
        throw new Error('the folder died');
      }),
    ).rejects.toThrow('the folder died');
    expect(await pending(siteId)).toBe(40);
    await foldTallies(testApp.db);
    expect(await pending(siteId)).toBe(0);
    await expectScoresAsScanned(siteId, survey);
  });

  it("by the worker works a backlog off in one turn while the turn's time lasts, and one batch when it has none", async () => {
    const { siteId, survey } = await siteWithSurvey();
    await foldTallies(testApp.db);
    await testApp.db.insert(responses).values(responseRows(siteId, survey.id, 30));
    await foldingTurn(testApp.db, 1000, { batch: 5, budgetMs: 0 })();
    expect(await pending(siteId)).toBe(25);
    await foldingTurn(testApp.db, 1000, { batch: 5, budgetMs: 60_000 })();
    expect(await pending(siteId)).toBe(0);
  });

  it('drops the changes of a site deleted before they were folded, and folds the others', async () => {
    const gone = await siteWithSurvey();
    const kept = await siteWithSurvey();
    await testApp.db.insert(responses).values(responseRows(gone.siteId, gone.survey.id, 30));
    await testApp.db.insert(responses).values(responseRows(kept.siteId, kept.survey.id, 30));
    await testApp.db.delete(sites).where(eq(sites.id, gone.siteId));
    await foldTallies(testApp.db);
    expect(await pending(gone.siteId)).toBe(0);
    expect(await pending(kept.siteId)).toBe(0);
    await expectScoresAsScanned(kept.siteId, kept.survey);
  });

  it('by several folders at once counts each change once', async () => {
    const { siteId, survey } = await siteWithSurvey();
    await testApp.db.insert(responses).values(responseRows(siteId, survey.id, 90));
    const folded = await Promise.all(Array.from({ length: 4 }, () => foldTallies(testApp.db, { batch: 5 })));
    expect(folded.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(90);
    // Another folder may have held the lock when one stopped: whatever is left goes in the next turn.
    await foldTallies(testApp.db);
    expect(await pending(siteId)).toBe(0);
    await expectScoresAsScanned(siteId, survey);
    const query: ScoreQuery = { siteId, survey, askedAt: new Date(), tz: 'UTC', traits: {}, minSample: 1 };
    expect(scoreReport(query, await rollupTallies(testApp.db, query)).responses).toBe(90);
  });
});
