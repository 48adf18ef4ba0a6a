import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { siteIdColumn } from './columns.ts';

/** A vendor's subscription: which events go to which URL, signed with its own secret. */
export const webhooks = pgTable(
  'webhooks',
  {
    siteId: siteIdColumn(),
    id: uuid('id').notNull(),
    url: text('url').notNull(),
    /** Of `response.created`, `response.updated`, `decline.created`. */
    events: text('events').array().notNull(),
    /** `{ categories?: string[], surveyId?: string }`; an empty object lets everything through. */
    filter: jsonb('filter').$type<{ categories?: string[]; surveyId?: string }>().notNull().default({}),
    /** `event`: the event as JSON; `slack`: a message a chat channel shows as it is. */
    format: text('format').$type<'event' | 'slack'>().notNull().default('event'),
    // Needed in the clear to sign each delivery; only its owner's secret key reads it.
    secret: text('secret').notNull(),
    /**
     * One send at a time per subscription, paced: while a delivery is out this is its lease's end,
     * then the earliest next send (Slack's one message a second, or a receiver's Retry-After).
     */
    nextSendAt: timestamp('next_send_at', { withTimezone: true }),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    pausedReason: text('paused_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ name: 'webhooks_pkey', columns: [table.siteId, table.id] })],
);

/**
 * The outbox: one row per event and subscription, written in its response's or decline's own transaction, sent
 * by the API's worker, retried until delivered or a day has passed.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    siteId: siteIdColumn(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    webhookId: uuid('webhook_id').notNull(),
    event: text('event').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** `pending`, `delivered` or `failed`. */
    status: text('status').$type<'pending' | 'delivered' | 'failed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** While a worker sends it, no other takes it; a worker that dies lets it go when this passes. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastError: text('last_error'),
    lastStatus: integer('last_status'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    /** When someone last asked for it to be sent again (POST …/deliveries/{id}/retry). */
    resentAt: timestamp('resent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ name: 'webhook_deliveries_pkey', columns: [table.siteId, table.id] }),
    foreignKey({
      name: 'webhook_deliveries_webhook_fk',
      columns: [table.siteId, table.webhookId],
      foreignColumns: [webhooks.siteId, webhooks.id],
    }).onDelete('cascade'),
    index('webhook_deliveries_due_idx').on(table.nextAttemptAt).where(sql`${table.status} = 'pending'`),
    index('webhook_deliveries_by_webhook_idx').on(table.siteId, table.webhookId, table.createdAt),
  ],
);
