import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members } from './team.ts';

/** A member's own choices about what Tenpoint sends them (alert rules are in `alert_rules`). */
export const memberSettings = pgTable('member_settings', {
  memberId: uuid('member_id')
    .primaryKey()
    .references(() => members.id, { onDelete: 'cascade' }),
  /** `weekly` or `off`; unsubscribing from the digest's link sets `off`. */
  digest: text('digest').$type<'weekly' | 'off'>().notNull().default('off'),
  /** The start of the last week a digest was sent for: at most one per member and week, across processes. */
  digestSentForWeek: timestamp('digest_sent_for_week', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
