import type { SurveySettings } from '@tenpoint/shared';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { EligibilityFacts } from './decide-eligibility.ts';

interface Keys {
  siteId: string;
  surveyId: string;
  userId: string;
  accountId: string | null;
}

const toDate = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string));

/** What this user has done with this survey so far, in one round trip. */
export async function loadHistory(db: Database, keys: Keys): Promise<EligibilityFacts['history']> {
  const { siteId, surveyId, userId } = keys;
  const result = await db.execute(sql`
    with answered as (
      select
        (select max(created_at) from responses where site_id = ${siteId} and user_id = ${userId} and survey_id = ${surveyId}) as last_response_at,
        (select max(created_at) from declines where site_id = ${siteId} and user_id = ${userId} and survey_id = ${surveyId}) as last_decline_at
    ), shown as (
      select shown_at from impressions where site_id = ${siteId} and user_id = ${userId} and survey_id = ${surveyId}
    )
    select
      answered.last_response_at,
      answered.last_decline_at,
      (select max(shown_at) from shown) as last_impression_at,
      (select count(*)::int from shown
        where shown_at > coalesce(greatest(answered.last_response_at, answered.last_decline_at), '-infinity'::timestamptz)
      ) as ignored_impressions
    from answered`);
  const row = firstRow(result);
  return {
    lastResponseAt: toDate(row.last_response_at),
    lastDeclineAt: toDate(row.last_decline_at),
    lastImpressionAt: toDate(row.last_impression_at),
    ignoredImpressions: Number(row.ignored_impressions ?? 0),
  };
}

/** Counts for the caps the survey has; none are counted when it has none. */
export async function loadCaps(db: Database, keys: Keys, settings: SurveySettings, now: Date): Promise<EligibilityFacts['caps']> {
  const caps: EligibilityFacts['caps'] = {};
  const { siteId, surveyId, userId, accountId } = keys;
  if (settings.dailyCap !== null) {
    const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const result = await db.execute(sql`
      select count(*)::int as shown from impressions
      where site_id = ${siteId} and survey_id = ${surveyId} and shown_at >= ${midnight.toISOString()}`);
    caps.impressionsToday = Number(firstRow(result).shown ?? 0);
  }
  if (settings.accountCap && accountId) {
    const since = new Date(now.getTime() - settings.accountCap.days * 24 * 60 * 60 * 1000);
    const result = await db.execute(sql`
      select count(distinct user_id)::int as users, min(shown_at) as oldest from impressions
      where site_id = ${siteId} and account_id = ${accountId} and survey_id = ${surveyId}
        and shown_at > ${since.toISOString()} and user_id <> ${userId}`);
    const row = firstRow(result);
    caps.accountUsersShown = { users: Number(row.users ?? 0), oldestShownAt: toDate(row.oldest) };
  }
  return caps;
}

// postgres.js answers rows as an array, PGlite as { rows }.
function firstRow(result: unknown): Record<string, unknown> {
  const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return (rows[0] ?? {}) as Record<string, unknown>;
}
