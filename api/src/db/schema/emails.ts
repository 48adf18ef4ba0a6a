import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Email kept instead of sent: when no SMTP server is set (the embedded default of a laptop), or when
 * the SMTP server refused it or did not answer (`send_error` says why), for the owner to pass on.
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    /** The organization the message is about; its owners read it in the console. */
    organizationId: uuid('organization_id'),
    /** A message to an end user (a reply to their response): erased with them. */
    siteId: uuid('site_id'),
    userId: text('user_id'),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    sendError: text('send_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('email_outbox_organization_idx').on(table.organizationId, table.createdAt),
    index('email_outbox_user_idx').on(table.siteId, table.userId),
  ],
);
