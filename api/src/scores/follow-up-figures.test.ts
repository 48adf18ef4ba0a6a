import { randomUUID } from 'node:crypto';
import { scoresAnswerSchema } from '@tenpoint/shared';
import { bandOf } from '@tenpoint/shared/scores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, getWithKey, newTestSite, startTestApp, type TestApp } from '../../test/test-app.ts';
import { followUps, responses } from '../db/schema/index.ts';

const now = new Date('2026-03-31T12:00:00Z');
let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({ now: () => now });
});
afterAll(() => testApp.close());

const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

describe('follow-up figures in GET /v1/scores', () => {
  it('counts the low scores of the range, those followed up, the median wait and the open ones by age, exactly', async () => {
    const site = await newTestSite(testApp);
    const respond = async (
      score: number,
      ageHours: number,
      followUp?: { afterHours?: number; state?: 'new' | 'in_progress' | 'closed' },
      test = false,
    ) => {
      const id = randomUUID();
      const createdAt = hoursAgo(ageHours);
      await testApp.db.insert(responses).values({
        siteId: site.siteId,
        id,
        surveyId: site.surveyId,
        userId: `u_${randomUUID()}`,
        score,
        band: bandOf('nps', score),
        createdAt,
        test,
      });
      if (followUp)
        await testApp.db.insert(followUps).values({
          siteId: site.siteId,
          responseId: id,
          state: followUp.state ?? 'in_progress',
          firstFollowUpAt: followUp.afterHours === undefined ? null : new Date(createdAt.getTime() + followUp.afterHours * 3_600_000),
        });
    };
    await respond(3, 2); // open, under a day, never touched
    await respond(0, 5, { afterHours: 1 }); // in progress, under a day, followed up after 1 h
    await respond(6, 48, { afterHours: 3, state: 'closed' }); // closed: not open; 3 h
    await respond(4, 24 * 10, { afterHours: 10 }); // open 7–30 days; 10 h
    await respond(2, 24 * 3, { state: 'new' }); // a row but nothing done: open 1–7 days, not followed up
    await respond(1, 24 * 40, { afterHours: 5 }); // open, older; 5 h
    await respond(9, 1); // a promoter: no low score
    await respond(7, 1, { afterHours: 1 }); // a passive: no low score
    await respond(0, 1, undefined, true); // test mode: never counted
    await respond(0, 24 * 400); // before the range asked below

    const answer = scoresAnswerSchema.parse(await expectStatus(await getWithKey(testApp, '/v1/scores', site.secretKey), 200));
    expect(answer.followUp).toEqual({
      lowScores: 7,
      followedUp: 4,
      followedUpShare: 4 / 7,
      // 1, 3, 5, 10 hours: the median is between 3 and 5.
      medianHoursToFirstFollowUp: 4,
      openByAge: { underADay: 2, oneToSevenDays: 1, sevenToThirtyDays: 1, older: 2 },
    });

    const lastYear = scoresAnswerSchema.parse(
      await expectStatus(await getWithKey(testApp, '/v1/scores?from=2025-06-01', site.secretKey), 200),
    );
    expect(lastYear.followUp).toMatchObject({ lowScores: 6, followedUp: 4, openByAge: { older: 1 } });
  });

  it('says null for the share and the median when there are no low scores', async () => {
    const site = await newTestSite(testApp);
    const answer = scoresAnswerSchema.parse(await expectStatus(await getWithKey(testApp, '/v1/scores', site.secretKey), 200));
    expect(answer.followUp).toEqual({
      lowScores: 0,
      followedUp: 0,
      followedUpShare: null,
      medianHoursToFirstFollowUp: null,
      openByAge: { underADay: 0, oneToSevenDays: 0, sevenToThirtyDays: 0, older: 0 },
    });
  });
});
