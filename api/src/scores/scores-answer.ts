import type { ScoresAnswer, ScoresQuery } from '@tenpoint/shared';
import type { Database } from '../db/client.ts';
import { findSurveys } from '../surveys/find-surveys.ts';
import { followUpFigures } from './follow-up-figures.ts';
import { previousPeriod, withPreviousPeriod } from './previous-period.ts';
import { rollupSurveys } from './rollup-surveys.ts';
import { readScoreQuery } from './score-query.ts';
import { scoreReport } from './score-report.ts';

/** What `GET /v1/scores` answers, for the route and for anything that must show the same figures (the digest). */
export async function scoresAnswer(
  db: Database,
  siteId: string,
  asked: ScoresQuery,
  raw: Iterable<[string, string]>,
  now: Date,
): Promise<ScoresAnswer> {
  const surveys = await findSurveys(db, siteId, asked);
  const query = readScoreQuery(siteId, surveys[0], asked, raw, now);
  const before = previousPeriod(query);
  const surveyIds = surveys.map((survey) => survey.id);
  const [current, previous, followUp] = await Promise.all([
    rollupSurveys(db, query, surveys),
    before ? rollupSurveys(db, before, surveys) : Promise.resolve(undefined),
    followUpFigures(db, query, surveyIds),
  ]);
  const answer = withPreviousPeriod(scoreReport(query, current), query, current, before, previous);
  return { ...answer, surveyIds, followUp };
}
