import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Who changed what and when. Kept when its site is deleted (no foreign key on `site_id`), gone with
 * its organization.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid('organization_id'),
    siteId: uuid('site_id'),
    /** The member's email, or the key's name, as it was then. */
    actor: text('actor').notNull(),
    actorUserId: uuid('actor_user_id'),
    action: text('action').notNull(),
    target: text('target'),
    before: jsonb('before'),
    after: jsonb('after'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('audit_events_organization_idx').on(table.organizationId, table.at),
    index('audit_events_site_idx').on(table.siteId, table.at),
  ],
);
