import type { Traits } from '@tenpoint/shared';
import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { surveySiteIdColumn } from './columns.ts';
import { surveys } from './surveys.ts';

export const declines = pgTable(
  'declines',
  {
    id: uuid('id').notNull(),
    siteId: surveySiteIdColumn(),
    surveyId: uuid('survey_id').notNull(),
    userId: text('user_id').notNull(),
    accountId: text('account_id'),
    impressionId: uuid('impression_id'),
    locale: text('locale'),
    // The user's and the account's traits when they declined the survey, for segmenting later.
    userTraits: jsonb('user_traits').$type<Traits>().notNull().default({}),
    accountTraits: jsonb('account_traits').$type<Traits>().notNull().default({}),
    // Recorded in test mode (`show()`): kept apart, out of scores, tallies and webhooks.
    test: boolean('test').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ name: 'declines_pkey', columns: [table.siteId, table.id] }),
    foreignKey({
      name: 'declines_survey_fk',
      columns: [table.siteId, table.surveyId],
      foreignColumns: [surveys.siteId, surveys.id],
    }).onDelete('cascade'),
    // Per user and survey, as on responses (see there).
    index('declines_site_user_survey_idx').on(table.siteId, table.userId, table.surveyId, table.createdAt),
    index('declines_site_survey_created_idx').on(table.siteId, table.surveyId, table.createdAt),
    // One decline per impression: the widget's retries and a second Escape record nothing new.
    uniqueIndex('declines_one_per_impression').on(table.siteId, table.impressionId).where(sql`${table.impressionId} is not null`),
  ],
);
