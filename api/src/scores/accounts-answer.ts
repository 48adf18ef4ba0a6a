import type { AccountsAnswer, ScoresQuery } from '@tenpoint/shared';
import { noChangeReason } from '@tenpoint/shared/score-change';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { accounts } from '../db/schema/index.ts';
import { findSurveys } from '../surveys/find-surveys.ts';
import { rollupSurveys } from './rollup-surveys.ts';
import { instantOf, readScoreQuery, zoneOffsetMs } from './score-query.ts';
import { scoreFields, scoreReport } from './score-report.ts';

const dayMs = 24 * 60 * 60 * 1000;

type AccountsQuery = Pick<ScoresQuery, 'surveyId' | 'surveyIds' | 'from' | 'to' | 'tz' | 'minSample' | 'includeTest'>;

/**
 * B2B: each account's score over the range (90 days to today unless given), its responses, last
 * response, and its trend against the range of the same length just before: what `GET /v1/accounts`
 * answers, and the digest's "accounts whose score moved most".
 */
export async function accountsAnswer(
  db: Database,
  siteId: string,
  asked: AccountsQuery,
  raw: Iterable<[string, string]>,
  now: Date,
): Promise<AccountsAnswer> {
  const surveys = await findSurveys(db, siteId, asked);
  const survey = surveys[0];
  const query = readScoreQuery(siteId, survey, { ...asked, groupBy: 'account' }, raw, now);
  // By default the 90 days that end with today (or with `to`), as days run in the asked time zone.
  const localDay = (instant: number) => Date.parse(new Date(instant + zoneOffsetMs(instant, query.tz)).toISOString().slice(0, 10));
  const dateOf = (utcMidnight: number) => new Date(utcMidnight).toISOString().slice(0, 10);
  const end = query.end ?? instantOf(dateOf(localDay(query.askedAt.getTime())), query.tz, true);
  const start = query.start ?? instantOf(dateOf(localDay(end.getTime()) - 90 * dayMs), query.tz);
  const previousStart = new Date(start.getTime() - (end.getTime() - start.getTime()));
  const [current, previous] = await Promise.all([
    rollupSurveys(db, { ...query, start, end }, surveys),
    rollupSurveys(db, { ...query, start: previousStart, end: start }, surveys),
  ]);
  const segments = scoreReport({ ...query, start, end }, current).groups;
  const names = segments.length
    ? await db
        .select({ id: accounts.accountId, name: accounts.name, traits: accounts.traits })
        .from(accounts)
        .where(
          and(
            eq(accounts.siteId, siteId),
            inArray(
              accounts.accountId,
              segments.map((segment) => segment.key),
            ),
          ),
        )
    : [];
  const byId = new Map(names.map((account) => [account.id, account]));
  const data = segments.map(({ key, ...score }) => {
    const before = previous.segments.get(key);
    const earlier = before ? (scoreFields(survey.type, before.tally, query.minSample) as Record<string, unknown>) : null;
    const now = (score as Record<string, unknown>)[survey.type] as number | null;
    const then = earlier ? ((earlier[survey.type] as number | null) ?? null) : null;
    const trendReason = noChangeReason(score.responses, Number(earlier?.responses ?? 0), query.minSample);
    return {
      accountId: key,
      name: byId.get(key)?.name ?? null,
      traits: byId.get(key)?.traits ?? {},
      ...score,
      previous: earlier ? { responses: earlier.responses, [survey.type]: then } : null,
      // Points (NPS, CSAT) or score (CES) gained since the previous range; null unless both have enough responses.
      trend: trendReason === null && now !== null && then !== null ? Math.round((now - then) * 10) / 10 : null,
      trendReason,
    };
  });
  return { type: survey.type, from: start.toISOString(), to: end.toISOString(), data } as AccountsAnswer;
}
