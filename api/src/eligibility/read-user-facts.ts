import type { SurveySettings } from '@tenpoint/shared';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';
import { accounts, users } from '../db/schema/index.ts';
import { sqlNames } from '../db/sql-names.ts';
import type { KnownUser } from '../users/known-user.ts';
import { knownUserOf } from '../users/record-sightings.ts';
import type { EligibilityFacts } from './decide-eligibility.ts';
import { surveyHistoryOf, surveyHistorySql } from './survey-history-sql.ts';

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
    // The columns of `sightedUsers.knownUser`, read as the widget's call reads them.
    knownUserOf,
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
  const { steps, columns } = surveyHistorySql({ ...query, ...query.user });
  const [facts] = await queryRows(db, sql`with ${steps} select ${columns} from history`, surveyHistoryOf);
  if (!facts) throw new Error('the history query returned no row');
  return facts;
}
