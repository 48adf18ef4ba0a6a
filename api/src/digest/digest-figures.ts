import { scoresQuerySchema } from '@tenpoint/shared';
import type { ScoreChange } from '@tenpoint/shared/score-change';
import type { SurveyType } from '@tenpoint/shared/scores';
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { followUps, responses, sites } from '../db/schema/index.ts';
import { accountsAnswer } from '../scores/accounts-answer.ts';
import { scoresAnswer } from '../scores/scores-answer.ts';
import type { DigestWeek } from './digest-week.ts';

export interface DigestComment {
  score: number;
  band: 'low' | 'high';
  comment: string;
  at: Date;
}

export interface DigestMover {
  accountId: string;
  name: string | null;
  score: number | null;
  trend: number;
}

/** One site's week, with the same figures `GET /v1/scores` and `GET /v1/accounts` answer for its range. */
export interface SiteDigest {
  site: { id: string; name: string };
  type: SurveyType;
  score: number | null;
  responses: number;
  /** Fewer responses than the score needs to be read with confidence (`lowSample` in the answer). */
  lowSample: boolean;
  change: ScoreChange | null;
  changeReason: string | null;
  responseRate: number | null;
  usersShown: number | null;
  /** Low scores (not test) nobody has closed, whenever they came. */
  openDetractors: number;
  comments: DigestComment[];
  movers: DigestMover[];
}

const commentsPerBand = 3;
const moversShown = 3;

/** The week of every site of an organization, in the order of their names. */
export async function organizationDigest(db: Database, organizationId: string, week: DigestWeek, now: Date): Promise<SiteDigest[]> {
  const rows = await db
    .select({ id: sites.id, name: sites.name })
    .from(sites)
    .where(eq(sites.organizationId, organizationId))
    .orderBy(asc(sites.name));
  return Promise.all(rows.map((site) => siteDigest(db, site, week, now)));
}

async function siteDigest(db: Database, site: { id: string; name: string }, week: DigestWeek, now: Date): Promise<SiteDigest> {
  // The very query the console's range would send, through the same schema and code.
  const asked = scoresQuerySchema.parse({ from: week.start.toISOString(), to: week.end.toISOString() });
  const [scores, accounts, openDetractors] = await Promise.all([
    scoresAnswer(db, site.id, asked, [], now),
    accountsAnswer(db, site.id, asked, [], now),
    countOpenDetractors(db, site.id),
  ]);
  const score = (scores as unknown as Record<string, number | null>)[scores.type] ?? null;
  const movers = accounts.data
    .filter((account) => account.trend !== null)
    .sort((a, b) => Math.abs(b.trend!) - Math.abs(a.trend!))
    .slice(0, moversShown)
    .map((account) => ({
      accountId: account.accountId,
      name: account.name,
      score: (account as unknown as Record<string, number | null>)[scores.type] ?? null,
      trend: account.trend!,
    }));
  return {
    site,
    type: scores.type,
    score,
    responses: scores.responses,
    lowSample: scores.lowSample,
    change: scores.change,
    changeReason: scores.changeReason,
    responseRate: scores.responseRate,
    usersShown: scores.usersShown,
    openDetractors,
    comments: await weekComments(db, site.id, scores.surveyIds, week),
    movers,
  };
}

async function countOpenDetractors(db: Database, siteId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(responses)
    .leftJoin(followUps, and(eq(followUps.siteId, responses.siteId), eq(followUps.responseId, responses.id)))
    .where(
      and(
        eq(responses.siteId, siteId),
        eq(responses.band, 'low'),
        eq(responses.test, false),
        sql`(${followUps.state} is null or ${followUps.state} in ('new', 'in_progress'))`,
      ),
    );
  return row?.count ?? 0;
}

/** The week's longest comments of detractors and of promoters, the most recent first among equals. */
async function weekComments(db: Database, siteId: string, surveyIds: string[], week: DigestWeek): Promise<DigestComment[]> {
  const ofBand = (band: 'low' | 'high') =>
    db
      .select({ score: responses.score, comment: responses.comment, at: responses.createdAt })
      .from(responses)
      .where(
        and(
          eq(responses.siteId, siteId),
          inArray(responses.surveyId, surveyIds),
          eq(responses.band, band),
          eq(responses.test, false),
          isNotNull(responses.comment),
          sql`btrim(${responses.comment}) <> ''`,
          gte(responses.createdAt, week.start),
          lt(responses.createdAt, week.end),
        ),
      )
      .orderBy(desc(sql`char_length(${responses.comment})`), desc(responses.createdAt))
      .limit(commentsPerBand);
  const [low, high] = await Promise.all([ofBand('low'), ofBand('high')]);
  return [
    ...low.map((row) => ({ ...row, comment: row.comment!, band: 'low' as const })),
    ...high.map((row) => ({ ...row, comment: row.comment!, band: 'high' as const })),
  ];
}
