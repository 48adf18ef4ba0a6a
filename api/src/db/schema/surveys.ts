import type { SurveyType } from '@tenpoint/shared/scores';
import { sql } from 'drizzle-orm';
import { boolean, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { siteIdColumn } from './columns.ts';

export const surveys = pgTable(
  'surveys',
  {
    id: uuid('id').notNull(),
    siteId: siteIdColumn(),
    type: text('type').$type<SurveyType>().notNull(),
    name: text('name').notNull(),
    productName: text('product_name').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    enabled: boolean('enabled').notNull().default(true),
    // Wording overrides, throttles, sampling and targeting; validated by the shared schema on write.
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // site_id leads every key so that the tables can be distributed by it.
    primaryKey({ name: 'surveys_pkey', columns: [table.siteId, table.id] }),
    // Every site has exactly one default survey: the one `surveyId` means when left out.
    uniqueIndex('surveys_one_default_per_site').on(table.siteId).where(sql`${table.isDefault}`),
  ],
);

export type Survey = typeof surveys.$inferSelect;
