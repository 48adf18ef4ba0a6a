import type { Traits } from '@tenpoint/shared';
import type { Band } from '@tenpoint/shared/scores';
import { boolean, foreignKey, index, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { surveySiteIdColumn } from './columns.ts';
import { surveys } from './surveys.ts';

export const responses = pgTable(
  'responses',
  {
    siteId: surveySiteIdColumn(),
    // Made by the widget, so that retries and a comment sent later land on the same row.
    id: uuid('id').notNull(),
    surveyId: uuid('survey_id').notNull(),
    userId: text('user_id').notNull(),
    accountId: text('account_id'),
    score: smallint('score').notNull(),
    band: text('band').$type<Band>().notNull(),
    comment: text('comment'),
    locale: text('locale'),
    url: text('url'),
    // The user's and the account's traits when they responded, for segmenting later.
    userTraits: jsonb('user_traits').$type<Traits>().notNull().default({}),
    accountTraits: jsonb('account_traits').$type<Traits>().notNull().default({}),
    // Recorded in test mode (`show()`): kept apart, out of scores, tallies and webhooks.
    test: boolean('test').notNull().default(false),
    /** Null for an answer given in the widget; else the export it was imported from (`wootric`, `delighted`, `hubspot`, `csv`). */
    importedFrom: text('imported_from'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ name: 'responses_pkey', columns: [table.siteId, table.id] }),
    foreignKey({
      name: 'responses_survey_fk',
      columns: [table.siteId, table.surveyId],
      foreignColumns: [surveys.siteId, surveys.id],
    }).onDelete('cascade'),
    index('responses_site_survey_created_idx').on(table.siteId, table.surveyId, table.createdAt),
    // Eligibility asks per user and survey. All three in the index, so that the planner takes it even
    // before the table has statistics (the embedded database never gathers them): on the survey's
    // index it would filter every response to the survey, on every call.
    index('responses_site_user_survey_idx').on(table.siteId, table.userId, table.surveyId, table.createdAt),
  ],
);

export type ResponseRow = typeof responses.$inferSelect;
