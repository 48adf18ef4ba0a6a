import { sql } from 'drizzle-orm';
import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const sites = pgTable('sites', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  siteKey: text('site_key').notNull().unique('sites_site_key_unique'),
  // SHA-256 of the secret key: the key itself is shown once and never stored.
  secretKeyHash: text('secret_key_hash').notNull().unique('sites_secret_key_hash_unique'),
  allowedOrigins: text('allowed_origins').array().notNull().default(sql`'{}'::text[]`),
  identitySecret: text('identity_secret'),
  enforceIdentity: boolean('enforce_identity').notNull().default(false),
  testMode: boolean('test_mode').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Site = typeof sites.$inferSelect;
