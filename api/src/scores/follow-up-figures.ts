import type { FollowUpFigures } from '@tenpoint/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { numberColumn, queryRows } from '../db/query-rows.ts';
import { followUps, responses } from '../db/schema/index.ts';
import { textArray } from '../db/sql-arrays.ts';
import { sqlNames } from '../db/sql-names.ts';
import type { ScoreQuery } from './score-query.ts';

const dayMs = 86_400_000;
const r = sqlNames(responses);
const f = sqlNames(followUps);

const figuresRow = z.object({
  low_scores: numberColumn,
  followed_up: numberColumn,
  median_hours: numberColumn.nullable(),
  under_a_day: numberColumn,
  one_to_seven_days: numberColumn,
  seven_to_thirty_days: numberColumn,
  older: numberColumn,
});

/**
 * How well the low scores of the range are followed up: one statement over the range's responses of
 * the surveys (the site, survey, created index) with their follow-up row. A response without a row is
 * new. Test responses and imported ones (history from another tool) never count; trait filters do not apply.
 */
export async function followUpFigures(
  db: Pick<Database, 'execute'>,
  query: Pick<ScoreQuery, 'siteId' | 'start' | 'end' | 'askedAt'>,
  surveyIds: readonly string[],
): Promise<FollowUpFigures> {
  const now = query.askedAt;
  const ageOver = (days: number) => sql`r.${r.createdAt} <= ${new Date(now.getTime() - days * dayMs).toISOString()}::timestamptz`;
  const open = sql`coalesce(f.${f.state}, 'new') <> 'closed'`;
  const [row] = await queryRows(
    db,
    sql`select
        count(*) as low_scores,
        count(f.${f.firstFollowUpAt}) as followed_up,
        percentile_cont(0.5) within group (order by extract(epoch from f.${f.firstFollowUpAt} - r.${r.createdAt}) / 3600) as median_hours,
        count(*) filter (where ${open} and not ${ageOver(1)}) as under_a_day,
        count(*) filter (where ${open} and ${ageOver(1)} and not ${ageOver(7)}) as one_to_seven_days,
        count(*) filter (where ${open} and ${ageOver(7)} and not ${ageOver(30)}) as seven_to_thirty_days,
        count(*) filter (where ${open} and ${ageOver(30)}) as older
      from ${r.$table} r
      left join ${f.$table} f on f.${f.siteId} = r.${r.siteId} and f.${f.responseId} = r.${r.id}
      where r.${r.siteId} = ${query.siteId}
        and r.${r.surveyId} = any(${textArray(surveyIds)}::uuid[])
        ${query.start ? sql`and r.${r.createdAt} >= ${query.start.toISOString()}::timestamptz` : sql``}
        ${query.end ? sql`and r.${r.createdAt} < ${query.end.toISOString()}::timestamptz` : sql``}
        and r.${r.band} = 'low' and not r.${r.test} and r.${r.importedFrom} is null`,
    figuresRow,
  );
  const figures = row!;
  return {
    lowScores: figures.low_scores,
    followedUp: figures.followed_up,
    followedUpShare: figures.low_scores ? figures.followed_up / figures.low_scores : null,
    medianHoursToFirstFollowUp: figures.median_hours === null ? null : Math.round(figures.median_hours * 10) / 10,
    openByAge: {
      underADay: figures.under_a_day,
      oneToSevenDays: figures.one_to_seven_days,
      sevenToThirtyDays: figures.seven_to_thirty_days,
      older: figures.older,
    },
  };
}
