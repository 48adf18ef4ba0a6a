import { categoryName, emptyTally, headline, type ScoresAnswer } from '@tenpoint/shared';
import { and, count, countDistinct, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client.ts';
import { declines, impressions, responses, type Survey } from '../../db/schema/index.ts';

interface Range {
  start?: Date;
  end?: Date;
}

function inRange(siteIdColumn: PgColumn, surveyIdColumn: PgColumn, timeColumn: PgColumn, siteId: string, surveyId: string, range: Range): SQL | undefined {
  return and(
    eq(siteIdColumn, siteId),
    eq(surveyIdColumn, surveyId),
    range.start ? gte(timeColumn, range.start) : undefined,
    range.end ? lt(timeColumn, range.end) : undefined,
  );
}

/** The headline score, its counts and the response rate of one survey over a date range. */
export async function scoreSummary(db: Database, siteId: string, survey: Survey, range: Range): Promise<ScoresAnswer> {
  const [bandRows, [declineRow], [impressionRow], [responderRow]] = await Promise.all([
    db
      .select({
        band: responses.band,
        count: count(),
        sum: sql<string>`coalesce(sum(${responses.score}), 0)`,
        sumOfSquares: sql<string>`coalesce(sum(${responses.score} * ${responses.score}), 0)`,
      })
      .from(responses)
      .where(inRange(responses.siteId, responses.surveyId, responses.createdAt, siteId, survey.id, range))
      .groupBy(responses.band),
    db.select({ count: count() }).from(declines).where(inRange(declines.siteId, declines.surveyId, declines.createdAt, siteId, survey.id, range)),
    db
      .select({ count: count(), users: countDistinct(impressions.userId) })
      .from(impressions)
      .where(inRange(impressions.siteId, impressions.surveyId, impressions.shownAt, siteId, survey.id, range)),
    db
      .select({ users: countDistinct(responses.userId) })
      .from(responses)
      .where(inRange(responses.siteId, responses.surveyId, responses.createdAt, siteId, survey.id, range)),
  ]);

  const tally = emptyTally();
  for (const row of bandRows) {
    tally[row.band] = row.count;
    tally.sum += Number(row.sum);
    tally.sumOfSquares += Number(row.sumOfSquares);
  }
  const { score, marginOfError, responses: total } = headline(survey.type, tally);
  const shownUsers = impressionRow?.users ?? 0;
  const counts = Object.fromEntries(
    (['low', 'middle', 'high'] as const).map((band) => [survey.type === 'nps' ? `${categoryName('nps', band)}s` : band, tally[band]]),
  );
  return {
    type: survey.type,
    surveyId: survey.id,
    [survey.type]: score,
    marginOfError,
    responses: total,
    ...counts,
    declines: declineRow?.count ?? 0,
    impressions: impressionRow?.count ?? 0,
    // Users can answer without a recorded showing (an old widget, a retry), hence the cap at 1.
    responseRate: shownUsers === 0 ? null : Math.min(1, (responderRow?.users ?? 0) / shownUsers),
    series: [],
    groups: [],
  };
}
