import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { surveySiteIdColumn } from './columns.ts';
import { surveys } from './surveys.ts';

export const impressions = pgTable(
  'impressions',
  {
    id: uuid('id').notNull(),
    siteId: surveySiteIdColumn(),
    surveyId: uuid('survey_id').notNull(),
    userId: text('user_id').notNull(),
    accountId: text('account_id'),
    shownAt: timestamp('shown_at', { withTimezone: true }).notNull().defaultNow(),
    // The page it was shown on, from the eligibility call that showed it; a dismissal's page is its impression's.
    url: text('url'),
    // The first impression since the user's last response or decline: the response rate counts users
    // shown (once a round), not impressions.
    startsRound: boolean('starts_round').notNull().default(true),
    // Recorded in test mode (`show()`): kept apart, out of scores, tallies and webhooks.
    test: boolean('test').notNull().default(false),
  },
  (table) => [
    primaryKey({ name: 'impressions_pkey', columns: [table.siteId, table.id] }),
    foreignKey({
      name: 'impressions_survey_fk',
      columns: [table.siteId, table.surveyId],
      foreignColumns: [surveys.siteId, surveys.id],
    }).onDelete('cascade'),
    // Throttling asks "when was this user last shown this survey?" (all three in the index: see responses)
    index('impressions_site_user_survey_idx').on(table.siteId, table.userId, table.surveyId, table.shownAt),
    index('impressions_site_survey_shown_idx').on(table.siteId, table.surveyId, table.shownAt),
    // The B2B cap asks "how many users of this account were shown it lately?"
    index('impressions_site_account_shown_idx').on(table.siteId, table.accountId, table.shownAt).where(sql`${table.accountId} is not null`),
  ],
);
