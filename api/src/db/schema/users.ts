import type { Traits } from '@tenpoint/shared';
import { jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { siteIdColumn } from './columns.ts';

export const users = pgTable(
  'users',
  {
    siteId: siteIdColumn(),
    userId: text('user_id').notNull(),
    email: text('email'),
    accountId: text('account_id'),
    traits: jsonb('traits').$type<Traits>().notNull().default({}),
    locale: text('locale'),
    // The vendor's sign-up date of the user (`createdAt` in identify), not when we first saw them.
    signedUpAt: timestamp('signed_up_at', { withTimezone: true }),
    // Per survey, when the eligibility check last showed it: the token two tabs race for.
    shownAtBySurvey: jsonb('shown_at_by_survey').$type<Record<string, string>>().notNull().default({}),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ name: 'users_pkey', columns: [table.siteId, table.userId] })],
);
