import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { siteIdColumn } from './columns.ts';

/** A named secret key of a site: `full` may change everything of the site, `read` only reads and exports. */
export const siteKeys = pgTable(
  'site_keys',
  {
    siteId: siteIdColumn(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    access: text('access').$type<'full' | 'read'>().notNull(),
    // SHA-256 of the key: the key itself is shown once, when made, and never stored.
    hash: text('hash').notNull().unique('site_keys_hash_unique'),
    /** The key's first characters, so that a list can say which key is which. */
    start: text('start').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (table) => [primaryKey({ name: 'site_keys_pkey', columns: [table.siteId, table.id] }), index('site_keys_site_idx').on(table.siteId)],
);
