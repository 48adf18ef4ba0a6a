import { integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/**
 * Widget calls per hour, origin and outcome, for a site's install check: accepted, or refused
 * and why. A call with an unknown key has no site; the check finds it by the site's origins.
 */
export const widgetCallCounts = pgTable(
  'widget_call_counts',
  {
    siteId: uuid('site_id'),
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    outcome: text('outcome').$type<WidgetCallOutcome>().notNull(),
    origin: text('origin').notNull(),
    count: integer('count').notNull(),
    /** The first call of the row: with the earliest accepted row's, when the widget first worked. */
    firstAt: timestamp('first_at', { withTimezone: true }).notNull(),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
  },
  (table) => [unique('widget_call_counts_key').on(table.siteId, table.hour, table.outcome, table.origin).nullsNotDistinct()],
);

export type WidgetCallOutcome = 'accepted' | 'wrong_origin' | 'identity_failed' | 'unknown_key';
