import type { SurveySettings } from '@tenpoint/shared';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { queryRows, type RawRow, read } from '../db/query-rows.ts';
import { impressions, users } from '../db/schema/index.ts';
import { sqlNames } from '../db/sql-names.ts';
import { type KnownUser, knownUserOf, type Sighting, sightedUsers, sightingSteps } from '../users/record-sightings.ts';
import { storedSightingStep } from '../users/stored-sighting.ts';
import type { EligibilityFacts } from './decide-eligibility.ts';
import { surveyHistoryOf, surveyHistorySql } from './survey-history-sql.ts';

/**
 * Commits this statement without waiting for its WAL to reach the disk (the WAL writer flushes it
 * a fraction of a second later). A crash then may forget the last moment's sightings and impressions,
 * at worst showing a survey once more; never a response or a decline, which stay durable. The
 * wait would otherwise be part of every page's eligibility check.
 */
const commitWithoutWaiting = sql`set_config('synchronous_commit', 'off', true)`;

const i = sqlNames(impressions);
const u = sqlNames(users);

interface Call {
  sighting: Sighting;
  surveyId: string;
  settings: SurveySettings;
}

export interface UserFacts {
  user: KnownUser;
  history: EligibilityFacts['history'];
  caps: EligibilityFacts['caps'];
  /** This survey's show token as read; showing the survey must swap it (see recordImpression). */
  showToken: string | null;
}

function userFactsOf(row: RawRow): UserFacts {
  return { user: knownUserOf(row), showToken: read.nullableText(row.showToken, 'showToken'), ...surveyHistoryOf(row) };
}

/** The history's steps and columns, and the survey's show token as the statement's snapshot has it. */
function historyOfCall({ sighting, surveyId, settings }: Call) {
  const { siteId, now } = sighting;
  const userId = sighting.user.userId;
  const accountId = sighting.user.account?.id ?? null;
  const { steps, columns } = surveyHistorySql({ siteId, surveyId, userId, accountId, settings, now });
  const showToken = sql`(select ${u.shownAtBySurvey} ->> ${surveyId}::text from ${u.$table}
        where ${u.siteId} = ${siteId} and ${u.userId} = ${userId}) as "showToken"`;
  return { steps, columns, showToken };
}

/**
 * Records the user and reads what they did with the survey, in one statement: the call of a user
 * who is new, or brings something new, pays this round trip after readUnchangedUserAndHistory's.
 */
export async function recordUserAndReadHistory(db: Database, call: Call): Promise<UserFacts> {
  const { steps, columns, showToken } = historyOfCall(call);
  const [facts] = await queryRows(
    db,
    sql`
    with ${sightingSteps([call.sighting])}, ${steps}
    select
      ${sightedUsers.knownUser},
      -- Read from the statement's snapshot like the history, not from the upsert's newer row.
      ${showToken},
      ${columns},
      ${commitWithoutWaiting} as commit_mode
    from ${sightedUsers.step}, history`,
    userFactsOf,
  );
  if (!facts) throw new Error('the user upsert returned no row');
  return facts;
}

/**
 * The user as stored and their history, in one statement that writes nothing; null when recording
 * this sighting would change the user (new, new traits, last seen long ago): then
 * recordUserAndReadHistory. Most calls of a repeat visitor stop here.
 */
export async function readUnchangedUserAndHistory(db: Database, call: Call): Promise<UserFacts | null> {
  const { steps, columns, showToken } = historyOfCall(call);
  const [row] = await queryRows(
    db,
    sql`
    with ${storedSightingStep(call.sighting)}, ${steps}
    select stored_user.*, ${showToken}, ${columns}
    from stored_user, history`,
    (raw) => (raw.unchanged === true ? userFactsOf(raw) : null),
  );
  return row ?? null;
}

/**
 * Whether an impression now starts a new round: it is the first since the user's last response or
 * decline, or the first after the ignored impressions that count as a decline.
 */
export function startsRound(history: UserFacts['history'], settings: SurveySettings): boolean {
  return history.ignoredImpressions % settings.throttle.ignoredImpressionsAsDecline === 0;
}

/**
 * Records an impression only if nobody else showed the survey to this user since their history was
 * read: the show token is swapped on the user's row, and an UPDATE re-checks its condition after
 * waiting for that row, so of two tabs asking at once exactly one wins. False for the other.
 */
export async function recordImpression(
  db: Database,
  impression: {
    siteId: string;
    surveyId: string;
    userId: string;
    impressionId: string;
    showToken: string | null;
    startsRound: boolean;
    test: boolean;
    now: Date;
    url?: string | undefined;
  },
): Promise<boolean> {
  const { siteId, surveyId, userId, impressionId, showToken, startsRound, test, now, url } = impression;
  const rows = await queryRows(
    db,
    sql`
    with swapped as (
      update ${u.$table}
      set ${u.shownAtBySurvey} = ${u.shownAtBySurvey} || jsonb_build_object(${surveyId}::text, ${now.toISOString()}::text)
      where ${u.siteId} = ${siteId} and ${u.userId} = ${userId}
        and (${u.shownAtBySurvey} ->> ${surveyId}::text) is not distinct from ${showToken}::text
      returning ${u.accountId} as account_id
    ),
    relaxed as (select ${commitWithoutWaiting})
    insert into ${i.$table}
      (${i.siteId}, ${i.id}, ${i.surveyId}, ${i.userId}, ${i.accountId}, ${i.shownAt}, ${i.startsRound}, ${i.test}, ${i.url})
    select ${siteId}, ${impressionId}, ${surveyId}, ${userId}, swapped.account_id, ${now.toISOString()},
      ${startsRound}, ${test}, ${url ?? null}
    from swapped, relaxed
    returning ${i.id}`,
    (row) => read.text(row.id, 'id'),
  );
  return rows.length === 1;
}
