import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { siteIdColumn } from './columns.ts';
import { responses } from './responses.ts';
import { members } from './team.ts';

/**
 * Which responses a member (or the team) wants to hear about, and where: email to members, or a chat
 * channel through its incoming webhook; at once or gathered hourly. The shapes of `conditions` and
 * `destination` are the wire schemas' (`@tenpoint/shared`).
 */
export const alertRules = pgTable(
  'alert_rules',
  {
    siteId: siteIdColumn(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    name: text('name').notNull(),
    /** `member`: only its creator hears; `team`: the members or channel it names. */
    scope: text('scope').$type<'member' | 'team'>().notNull(),
    createdByMemberId: uuid('created_by_member_id').references(() => members.id, { onDelete: 'cascade' }),
    conditions: jsonb('conditions').$type<Record<string, unknown>>().notNull().default({}),
    destination: jsonb('destination').$type<Record<string, unknown>>().notNull(),
    frequency: text('frequency').$type<'immediate' | 'hourly'>().notNull().default('immediate'),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ name: 'alert_rules_pkey', columns: [table.siteId, table.id] })],
);

/** One response a rule matched: sent once (alone, or in its hour's gathering), retried until it is. */
export const alertMatches = pgTable(
  'alert_matches',
  {
    siteId: uuid('site_id').notNull(),
    ruleId: uuid('rule_id').notNull(),
    responseId: uuid('response_id').notNull(),
    status: text('status').$type<'pending' | 'sent' | 'failed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastError: text('last_error'),
    matchedAt: timestamp('matched_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ name: 'alert_matches_pkey', columns: [table.siteId, table.ruleId, table.responseId] }),
    foreignKey({
      name: 'alert_matches_rule_fk',
      columns: [table.siteId, table.ruleId],
      foreignColumns: [alertRules.siteId, alertRules.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'alert_matches_response_fk',
      columns: [table.siteId, table.responseId],
      foreignColumns: [responses.siteId, responses.id],
    }).onDelete('cascade'),
    index('alert_matches_due_idx').on(table.nextAttemptAt).where(sql`${table.status} = 'pending'`),
  ],
);

/**
 * Responses written or given a comment since the alert worker last looked, filled by a trigger in
 * the response's own transaction (only for sites with a rule), emptied by the worker.
 */
export const alertCandidates = pgTable(
  'alert_candidates',
  {
    siteId: uuid('site_id').notNull(),
    responseId: uuid('response_id').notNull(),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ name: 'alert_candidates_pkey', columns: [table.siteId, table.responseId] })],
);

export type AlertRule = typeof alertRules.$inferSelect;
