import { uuid } from 'drizzle-orm/pg-core';
import { sites } from './sites.ts';

/** The site a row belongs to: every table of site data has it, and every query filters by it. */
export const siteIdColumn = () =>
  uuid('site_id')
    .notNull()
    .references(() => sites.id, { onDelete: 'cascade' });
