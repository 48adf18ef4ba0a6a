import type { SurveySettings, UserInput } from '@tenpoint/shared';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { rowsOf, toDate } from '../db/rows.ts';
import { knownUserOf, upsertUserSteps, type KnownUser } from '../users/upsert-user.ts';
import type { EligibilityFacts } from './decide-eligibility.ts';

/**
 * Commits this statement without waiting for its WAL to reach the disk (the WAL writer flushes it
 * a fraction of a second later). A crash then may forget the last moment's sightings and showings,
 * at worst showing a survey once more; never an answer or a dismissal, which stay durable. The
 * wait would otherwise be part of every page's eligibility check.
 */
const commitWithoutWaiting = sql`set_config('synchronous_commit', 'off', true)`;

interface Call {
  siteId: string;
  surveyId: string;
  user: UserInput;
  settings: SurveySettings;
  now: Date;
}

export interface UserFacts {
  user: KnownUser;
  history: EligibilityFacts['history'];
  caps: EligibilityFacts['caps'];
  /** This survey's show token as read; showing the survey must swap it (see recordShowing). */
  showToken: string | null;
}

/**
 * Records the user and reads what they did with the survey, in one statement: every widget call
 * pays one round trip for it, eligible or not.
 */
export async function recordUserAndReadHistory(db: Database, call: Call): Promise<UserFacts> {
  const { siteId, surveyId, settings, now } = call;
  const userId = call.user.userId;
  const accountId = call.user.account?.id ?? null;
  const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const accountSince = settings.accountCap ? new Date(now.getTime() - settings.accountCap.days * 24 * 3600 * 1000) : now;

  const result = await db.execute(sql`
    with ${upsertUserSteps([{ siteId, user: call.user, now }])},
    answered as (
      select
        (select max(created_at) from responses where site_id = ${siteId} and user_id = ${userId} and survey_id = ${surveyId}) as last_response_at,
        (select max(created_at) from declines where site_id = ${siteId} and user_id = ${userId} and survey_id = ${surveyId}) as last_decline_at
    ),
    shown as (
      select shown_at from impressions where site_id = ${siteId} and user_id = ${userId} and survey_id = ${surveyId}
    )
    select
      people.*,
      -- Read from the statement's snapshot like the history, not from the upsert's newer row.
      (select shown_at_by_survey ->> ${surveyId}::text from users where site_id = ${siteId} and user_id = ${userId}) as show_token,
      answered.last_response_at,
      answered.last_decline_at,
      (select max(shown_at) from shown) as last_impression_at,
      (select count(*)::int from shown
        where shown_at > coalesce(greatest(answered.last_response_at, answered.last_decline_at), '-infinity'::timestamptz)
      ) as ignored_impressions,
      ${
        settings.dailyCap === null
          ? sql`null`
          : sql`(select count(*)::int from (select 1 from impressions
              where site_id = ${siteId} and survey_id = ${surveyId} and shown_at >= ${midnight.toISOString()} limit ${settings.dailyCap}) as today)`
      } as impressions_today,
      ${
        settings.accountCap && accountId
          ? sql`(select jsonb_build_object('users', count(distinct user_id), 'oldest', min(shown_at)) from impressions
              where site_id = ${siteId} and account_id = ${accountId} and survey_id = ${surveyId}
                and shown_at > ${accountSince.toISOString()} and user_id <> ${userId})`
          : sql`null`
      } as account_shown,
      ${commitWithoutWaiting} as commit_mode
    from people, answered`);
  const row = rowsOf(result)[0];
  if (!row) throw new Error('the user upsert returned no row');
  const accountShown = row.account_shown as { users: number; oldest: string | null } | null;
  return {
    user: knownUserOf(row),
    showToken: (row.show_token as string | null) ?? null,
    history: {
      lastResponseAt: toDate(row.last_response_at),
      lastDeclineAt: toDate(row.last_decline_at),
      lastImpressionAt: toDate(row.last_impression_at),
      ignoredImpressions: Number(row.ignored_impressions ?? 0),
    },
    caps: {
      ...(row.impressions_today === null ? {} : { impressionsToday: Number(row.impressions_today) }),
      ...(accountShown ? { accountUsersShown: { users: Number(accountShown.users), oldestShownAt: toDate(accountShown.oldest) } } : {}),
    },
  };
}

/**
 * Whether a showing now starts a new round: it is the first since the user's last answer or
 * dismissal, or the first after the ignored showings that count as a dismissal.
 */
export function startsRound(history: UserFacts['history'], settings: SurveySettings): boolean {
  return history.ignoredImpressions % settings.throttle.ignoredImpressionsAsDecline === 0;
}

/**
 * Records a showing only if nobody else showed the survey to this user since their history was
 * read: the show token is swapped on the user's row, and an UPDATE re-checks its condition after
 * waiting for that row, so of two tabs asking at once exactly one wins. False for the other.
 */
export async function recordShowing(
  db: Database,
  showing: { siteId: string; surveyId: string; userId: string; impressionId: string; showToken: string | null; startsRound: boolean; test: boolean; now: Date },
): Promise<boolean> {
  const { siteId, surveyId, userId, impressionId, showToken, startsRound, test, now } = showing;
  const result = await db.execute(sql`
    with swapped as (
      update users set shown_at_by_survey = shown_at_by_survey || jsonb_build_object(${surveyId}::text, ${now.toISOString()}::text)
      where site_id = ${siteId} and user_id = ${userId}
        and (shown_at_by_survey ->> ${surveyId}::text) is not distinct from ${showToken}::text
      returning account_id
    ),
    relaxed as (select ${commitWithoutWaiting})
    insert into impressions (site_id, id, survey_id, user_id, account_id, shown_at, starts_round, test)
    select ${siteId}, ${impressionId}, ${surveyId}, ${userId}, swapped.account_id, ${now.toISOString()}, ${startsRound}, ${test} from swapped, relaxed
    returning id`);
  return rowsOf(result).length === 1;
}
