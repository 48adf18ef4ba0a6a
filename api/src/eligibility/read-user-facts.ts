import type { SurveySettings } from '@tenpoint/shared';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { queryRows, read, toDate } from '../db/query-rows.ts';
import { accounts, declines, impressions, responses, users } from '../db/schema/index.ts';
import { sqlNames } from '../db/sql-names.ts';
import type { KnownUser } from '../users/known-user.ts';
import type { EligibilityFacts } from './decide-eligibility.ts';

const r = sqlNames(responses);
const d = sqlNames(declines);
const i = sqlNames(impressions);
const u = sqlNames(users);
const a = sqlNames(accounts);

/** A user as stored, with their account's traits; null when the site has never seen them. Reads only. */
export async function readKnownUser(db: Database, siteId: string, userId: string): Promise<KnownUser | null> {
  const [user] = await queryRows(
    db,
    sql`
    select usr.${u.accountId} as "accountId", usr.${u.email} as email, usr.${u.signedUpAt} as "signedUpAt",
      usr.${u.traits} as traits, coalesce(acc.${a.traits}, '{}'::jsonb) as "accountTraits"
    from ${u.$table} as usr
    left join ${a.$table} as acc on acc.${a.siteId} = usr.${u.siteId} and acc.${a.accountId} = usr.${u.accountId}
    where usr.${u.siteId} = ${siteId} and usr.${u.userId} = ${userId}`,
    (row) => ({
      accountId: read.nullableText(row.accountId, 'accountId'),
      email: read.nullableText(row.email, 'email'),
      signedUpAt: read.nullableTimestamp(row.signedUpAt, 'signedUpAt'),
      traits: read.json<KnownUser['traits']>(row.traits, 'traits'),
      accountTraits: read.json<KnownUser['accountTraits']>(row.accountTraits, 'accountTraits'),
    }),
  );
  return user ?? null;
}

/**
 * What a user did with one survey and the survey's caps, as the widget's eligibility check reads
 * them (recordUserAndReadHistory), without recording the user: for explaining, not for showing.
 */
export async function readSurveyHistory(
  db: Database,
  query: { siteId: string; surveyId: string; user: { userId: string; accountId: string | null }; settings: SurveySettings; now: Date },
): Promise<Pick<EligibilityFacts, 'history' | 'caps'>> {
  const { siteId, surveyId, settings, now } = query;
  const { userId, accountId } = query.user;
  const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const accountSince = settings.accountCap ? new Date(now.getTime() - settings.accountCap.days * 24 * 3600 * 1000) : now;
  const [facts] = await queryRows(
    db,
    sql`
    with history as (
      select
        (select max(${r.createdAt}) from ${r.$table}
          where ${r.siteId} = ${siteId} and ${r.userId} = ${userId} and ${r.surveyId} = ${surveyId}) as last_response_at,
        (select max(${d.createdAt}) from ${d.$table}
          where ${d.siteId} = ${siteId} and ${d.userId} = ${userId} and ${d.surveyId} = ${surveyId}) as last_decline_at
    ),
    shown as (
      select ${i.shownAt} as shown_at from ${i.$table}
      where ${i.siteId} = ${siteId} and ${i.userId} = ${userId} and ${i.surveyId} = ${surveyId}
    )
    select
      history.last_response_at as "lastResponseAt",
      history.last_decline_at as "lastDeclineAt",
      (select max(shown_at) from shown) as "lastImpressionAt",
      (select count(*)::int from shown
        where shown_at > coalesce(greatest(history.last_response_at, history.last_decline_at), '-infinity'::timestamptz)
      ) as "ignoredImpressions",
      (select count(*)::int from ${i.$table}
        where ${i.siteId} = ${siteId} and ${i.surveyId} = ${surveyId} and ${i.shownAt} >= ${midnight.toISOString()}
      ) as "impressionsToday",
      ${
        accountId
          ? sql`(select jsonb_build_object('users', count(distinct ${i.userId}), 'oldest', min(${i.shownAt})) from ${i.$table}
              where ${i.siteId} = ${siteId} and ${i.accountId} = ${accountId} and ${i.surveyId} = ${surveyId}
                and ${i.shownAt} > ${accountSince.toISOString()} and ${i.userId} <> ${userId})`
          : sql`null`
      } as "accountShown"
    from history`,
    (row) => {
      const accountShown = read.nullableJson<{ users: number; oldest: string | null }>(row.accountShown, 'accountShown');
      return {
        history: {
          lastResponseAt: read.nullableTimestamp(row.lastResponseAt, 'lastResponseAt'),
          lastDeclineAt: read.nullableTimestamp(row.lastDeclineAt, 'lastDeclineAt'),
          lastImpressionAt: read.nullableTimestamp(row.lastImpressionAt, 'lastImpressionAt'),
          ignoredImpressions: read.number(row.ignoredImpressions, 'ignoredImpressions'),
        },
        caps: {
          impressionsToday: read.number(row.impressionsToday, 'impressionsToday'),
          ...(accountShown ? { accountUsersShown: { users: Number(accountShown.users), oldestShownAt: toDate(accountShown.oldest) } } : {}),
        },
      };
    },
  );
  if (!facts) throw new Error('the history query returned no row');
  return facts;
}
