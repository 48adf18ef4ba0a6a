import { type SQL, sql } from 'drizzle-orm';

/**
 * A list of strings as one `text[]` value. drizzle's sql`${array}` spreads an array into a row
 * `($1, $2)`, which Postgres refuses as an array; one JSON parameter reaches both drivers intact.
 */
export function textArray(values: readonly string[]): SQL {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}
