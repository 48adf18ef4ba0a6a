import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { siteIdColumn } from './columns.ts';

// Kept up to date from tally_changes by the score engine (api/src/scores/engine.sql, and
// api/src/scores/README.md for the whole way), so that no scores request scans the responses.
// Every count is additive: ranges, weeks and months are sums of these rows.
const tallyColumns = () => ({
  low: integer('low').notNull().default(0),
  middle: integer('middle').notNull().default(0),
  high: integer('high').notNull().default(0),
  // For the CES mean and every margin of error.
  sum: bigint('sum', { mode: 'number' }).notNull().default(0),
  sumOfSquares: bigint('sum_of_squares', { mode: 'number' }).notNull().default(0),
});

/** Per survey and UTC hour: the headline and series in any whole-hour time zone. */
export const hourlyTallies = pgTable(
  'hourly_tallies',
  {
    siteId: siteIdColumn(),
    surveyId: uuid('survey_id').notNull(),
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    ...tallyColumns(),
    impressions: integer('impressions').notNull().default(0),
    shownUsers: integer('shown_users').notNull().default(0),
    declines: integer('declines').notNull().default(0),
  },
  (table) => [primaryKey({ name: 'hourly_tallies_pkey', columns: [table.siteId, table.surveyId, table.hour] })],
);

const segmentColumns = () => ({
  siteId: siteIdColumn(),
  surveyId: uuid('survey_id').notNull(),
  dimension: text('dimension').notNull(),
  value: text('value').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  ...tallyColumns(),
  // Only on the `total` dimension's rows: the whole survey's impressions, users shown and declines.
  impressions: integer('impressions').notNull().default(0),
  shownUsers: integer('shown_users').notNull().default(0),
  declines: integer('declines').notNull().default(0),
  lastAnswerAt: timestamp('last_answer_at', { withTimezone: true }),
});

/**
 * Per survey, UTC day and segment: `dimension` is `total` (value ''), `score`, `account`, `locale`,
 * or `trait:NAME` (account traits as `trait:account.NAME`), `value` the segment's value as text.
 * Also `daily_tallies_by_day_idx` on (site_id, survey_id, dimension, day) INCLUDE (the counts), made
 * in migrations/0005 because drizzle cannot say INCLUDE: segments over a range read the index alone.
 */
export const dailyTallies = pgTable('daily_tallies', segmentColumns(), (table) => [
  primaryKey({ name: 'daily_tallies_pkey', columns: [table.siteId, table.surveyId, table.dimension, table.value, table.day] }),
]);

/** The same per week (`day` is its Monday, UTC): a quarter by account is 13 rows an account, not 90. */
export const weeklyTallies = pgTable('weekly_tallies', segmentColumns(), (table) => [
  primaryKey({ name: 'weekly_tallies_pkey', columns: [table.siteId, table.surveyId, table.dimension, table.value, table.day] }),
]);

/**
 * Changes not yet added to the tallies: written by the triggers (tenpoint_log_* in
 * api/src/scores/engine.sql) in the same transaction as the response, impression or decline (no
 * shared row to wait for), folded in by tenpoint_fold_tallies() every second.
 * Scores read the tallies and these together, in one snapshot.
 */
export const tallyChanges = pgTable(
  'tally_changes',
  {
    siteId: uuid('site_id').notNull(),
    surveyId: uuid('survey_id').notNull(),
    /** `response`, `impression`, `shown_user` (an impression that starts a round) or `decline`. */
    kind: text('kind').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    sign: integer('sign').notNull(),
    band: text('band'),
    score: integer('score'),
    accountId: text('account_id'),
    locale: text('locale'),
    userTraits: jsonb('user_traits'),
    accountTraits: jsonb('account_traits'),
  },
  (table) => [index('tally_changes_site_survey_at_idx').on(table.siteId, table.surveyId, table.at)],
);
