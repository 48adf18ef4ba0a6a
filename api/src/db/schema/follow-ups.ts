import { sql } from 'drizzle-orm';
import { foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { responses } from './responses.ts';
import { members } from './team.ts';

export const followUpStates = ['new', 'in_progress', 'closed'] as const;
export type FollowUpState = (typeof followUpStates)[number];

/**
 * What the team does about one response: its state, owner, resolution and tags. A response without a
 * row is `new` and unassigned; the row goes with its response (erasure included).
 */
export const followUps = pgTable(
  'follow_ups',
  {
    siteId: uuid('site_id').notNull(),
    responseId: uuid('response_id').notNull(),
    state: text('state').$type<FollowUpState>().notNull().default('new'),
    ownerMemberId: uuid('owner_member_id').references(() => members.id, { onDelete: 'set null' }),
    resolution: text('resolution'),
    /** The team's own words, each at most 40 characters. */
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** The first thing anyone did about it (assign, note, reply, state): for "time to first follow-up". */
    firstFollowUpAt: timestamp('first_follow_up_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ name: 'follow_ups_pkey', columns: [table.siteId, table.responseId] }),
    foreignKey({
      name: 'follow_ups_response_fk',
      columns: [table.siteId, table.responseId],
      foreignColumns: [responses.siteId, responses.id],
    }).onDelete('cascade'),
    index('follow_ups_site_state_idx').on(table.siteId, table.state),
    index('follow_ups_site_owner_idx').on(table.siteId, table.ownerMemberId),
  ],
);

/**
 * The thread on a response: internal notes, and replies emailed to the respondent (with whether the
 * SMTP server took them). Goes with its response.
 */
export const followUpEntries = pgTable(
  'follow_up_entries',
  {
    siteId: uuid('site_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    responseId: uuid('response_id').notNull(),
    kind: text('kind').$type<'note' | 'reply'>().notNull(),
    authorMemberId: uuid('author_member_id').references(() => members.id, { onDelete: 'set null' }),
    /** The author's name and email as they were then, or the key's name. */
    author: text('author').notNull(),
    body: text('body').notNull(),
    /** Replies only: the subject and the address it went to. */
    subject: text('subject'),
    sentTo: text('sent_to'),
    /** Replies only: `sent` (the SMTP server took it), `kept` (no SMTP: in the outbox) or `failed`. */
    deliveryStatus: text('delivery_status').$type<'sent' | 'kept' | 'failed'>(),
    deliveryError: text('delivery_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ name: 'follow_up_entries_pkey', columns: [table.siteId, table.id] }),
    foreignKey({
      name: 'follow_up_entries_response_fk',
      columns: [table.siteId, table.responseId],
      foreignColumns: [responses.siteId, responses.id],
    }).onDelete('cascade'),
    index('follow_up_entries_response_idx').on(table.siteId, table.responseId, table.createdAt),
  ],
);
