import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './team.ts';

export const sites = pgTable(
  'sites',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    siteKey: text('site_key').notNull().unique('sites_site_key_unique'),
    /** The team that owns the site; null for a site made on the command line and not yet claimed. */
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    allowedOrigins: text('allowed_origins').array().notNull().default(sql`'{}'::text[]`),
    identitySecret: text('identity_secret'),
    enforceIdentity: boolean('enforce_identity').notNull().default(false),
    testMode: boolean('test_mode').notNull().default(false),
    /** A Wootric snippet's account_token ("NPS-…"), so that the snippet pasted as it is finds this site. */
    wootricAccountToken: text('wootric_account_token').unique('sites_wootric_account_token_unique'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('sites_organization_idx').on(table.organizationId)],
);

export type Site = typeof sites.$inferSelect;
