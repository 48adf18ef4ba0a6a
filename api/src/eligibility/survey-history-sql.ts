import type { SurveySettings } from '@tenpoint/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type RawRow, read, toDate } from '../db/query-rows.ts';
import { declines, impressions, responses } from '../db/schema/index.ts';
import { sqlNames } from '../db/sql-names.ts';
import type { EligibilityFacts } from './decide-eligibility.ts';

const r = sqlNames(responses);
const d = sqlNames(declines);
const i = sqlNames(impressions);

interface HistoryQuery {
  siteId: string;
  surveyId: string;
  userId: string;
  accountId: string | null;
  settings: SurveySettings;
  now: Date;
}

/**
 * What a user did with one survey and the counts its caps need, as SQL: the `history` and `shown`
 * steps of a WITH and the columns that read them. One home for the widget's call, which records the
 * user in the same statement, and for the People page, which only reads.
 */
export function surveyHistorySql({ siteId, surveyId, userId, accountId, settings, now }: HistoryQuery): { steps: SQL; columns: SQL } {
  const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const accountSince = settings.accountCap ? new Date(now.getTime() - settings.accountCap.days * 24 * 3600 * 1000) : now;
  const steps = sql`
    history as (
      select
        (select max(${r.createdAt}) from ${r.$table}
          where ${r.siteId} = ${siteId} and ${r.userId} = ${userId} and ${r.surveyId} = ${surveyId}) as last_response_at,
        (select max(${d.createdAt}) from ${d.$table}
          where ${d.siteId} = ${siteId} and ${d.userId} = ${userId} and ${d.surveyId} = ${surveyId}) as last_decline_at
    ),
    shown as (
      select ${i.shownAt} as shown_at from ${i.$table}
      where ${i.siteId} = ${siteId} and ${i.userId} = ${userId} and ${i.surveyId} = ${surveyId}
    )`;
  const columns = sql`
      history.last_response_at as "lastResponseAt",
      history.last_decline_at as "lastDeclineAt",
      (select max(shown_at) from shown) as "lastImpressionAt",
      (select count(*)::int from shown
        where shown_at > coalesce(greatest(history.last_response_at, history.last_decline_at), '-infinity'::timestamptz)
      ) as "ignoredImpressions",
      ${
        settings.dailyCap === null
          ? sql`null`
          : sql`(select count(*)::int from (select 1 from ${i.$table}
              where ${i.siteId} = ${siteId} and ${i.surveyId} = ${surveyId} and ${i.shownAt} >= ${midnight.toISOString()}
              limit ${settings.dailyCap}) as today)`
      } as "impressionsToday",
      ${
        settings.accountCap && accountId
          ? sql`(select jsonb_build_object('users', count(distinct ${i.userId}), 'oldest', min(${i.shownAt})) from ${i.$table}
              where ${i.siteId} = ${siteId} and ${i.accountId} = ${accountId} and ${i.surveyId} = ${surveyId}
                and ${i.shownAt} > ${accountSince.toISOString()} and ${i.userId} <> ${userId})`
          : sql`null`
      } as "accountShown"`;
  return { steps, columns };
}

// Read on every widget call: a function, not a schema.
export function surveyHistoryOf(row: RawRow): Pick<EligibilityFacts, 'history' | 'caps'> {
  const impressionsToday = read.nullableNumber(row.impressionsToday, 'impressionsToday');
  const accountShown = read.nullableJson<{ users: number; oldest: string | null }>(row.accountShown, 'accountShown');
  return {
    history: {
      lastResponseAt: read.nullableTimestamp(row.lastResponseAt, 'lastResponseAt'),
      lastDeclineAt: read.nullableTimestamp(row.lastDeclineAt, 'lastDeclineAt'),
      lastImpressionAt: read.nullableTimestamp(row.lastImpressionAt, 'lastImpressionAt'),
      ignoredImpressions: read.number(row.ignoredImpressions, 'ignoredImpressions'),
    },
    caps: {
      ...(impressionsToday === null ? {} : { impressionsToday }),
      ...(accountShown ? { accountUsersShown: { users: Number(accountShown.users), oldestShownAt: toDate(accountShown.oldest) } } : {}),
    },
  };
}
