import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

// The console's people, their sign-ins and organizations, in the shape better-auth's drizzle
// adapter reads and writes (see auth/create-auth.ts for the names it is told).
const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** A member of a vendor's team who signs in to the console (not an end user of the widget). */
export const consoleUsers = pgTable('console_users', {
  id: id(),
  name: text('name').notNull(),
  email: text('email').notNull().unique('console_users_email_unique'),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const organizations = pgTable('organizations', {
  id: id(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique('organizations_slug_unique'),
  logo: text('logo'),
  metadata: text('metadata'),
  createdAt: createdAt(),
});

/** One signed-in browser. Its token is what the HttpOnly cookie carries (signed). */
export const consoleSessions = pgTable(
  'console_sessions',
  {
    id: id(),
    token: text('token').notNull().unique('console_sessions_token_unique'),
    userId: uuid('user_id')
      .notNull()
      .references(() => consoleUsers.id, { onDelete: 'cascade' }),
    activeOrganizationId: uuid('active_organization_id'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('console_sessions_user_idx').on(table.userId)],
);

/** How a console user proves who they are: for now a password, hashed with scrypt. */
export const consoleLogins = pgTable(
  'console_logins',
  {
    id: id(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => consoleUsers.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
    refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
    scope: text('scope'),
    password: text('password'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('console_logins_user_idx').on(table.userId)],
);

/** One-time tokens: email verification, password reset, the start link. */
export const consoleVerifications = pgTable(
  'console_verifications',
  {
    id: id(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('console_verifications_identifier_idx').on(table.identifier)],
);

/** A console user's place in an organization: owner, admin, analyst or viewer. */
export const members = pgTable(
  'members',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => consoleUsers.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('members_organization_user_unique').on(table.organizationId, table.userId)],
);

export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role'),
    status: text('status').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    inviterId: uuid('inviter_id')
      .notNull()
      .references(() => consoleUsers.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (table) => [index('invitations_organization_idx').on(table.organizationId)],
);

/** Secrets this installation makes for itself once, shared by every API process (the cookie signing key). */
export const instanceSecrets = pgTable('instance_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: createdAt(),
});
