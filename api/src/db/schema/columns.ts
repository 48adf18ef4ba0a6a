import { uuid } from 'drizzle-orm/pg-core';
import { sites } from './sites.ts';

/** The site a row belongs to: every table of site data has it, and every query filters by it. */
export const siteIdColumn = () =>
  uuid('site_id')
    .notNull()
    .references(() => sites.id, { onDelete: 'cascade' });

/**
 * The site of a row that also names its survey: the foreign key to (site_id, survey_id) holds the
 * site and cascades from it through the survey, so a second check per row would only slow writes.
 */
export const surveySiteIdColumn = () => uuid('site_id').notNull();
