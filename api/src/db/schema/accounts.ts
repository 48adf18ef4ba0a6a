import type { Traits } from '@tenpoint/shared';
import { jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { siteIdColumn } from './columns.ts';

export const accounts = pgTable(
  'accounts',
  {
    siteId: siteIdColumn(),
    accountId: text('account_id').notNull(),
    name: text('name'),
    traits: jsonb('traits').$type<Traits>().notNull().default({}),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ name: 'accounts_pkey', columns: [table.siteId, table.accountId] })],
);
