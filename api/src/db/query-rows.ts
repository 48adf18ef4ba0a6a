import type { SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from './client.ts';

/** A row as the driver answers it, before it is read. */
export type RawRow = Record<string, unknown>;

/** Reads one row: a zod schema, or a plain function where a query's rows need no checking. */
export type RowReader<Row> = { parse(row: RawRow): Row } | ((row: RawRow) => Row);

/**
 * Runs hand-written SQL and reads each row it answers, so that its callers get typed rows instead
 * of casting: a row that is not what the reader expects fails here, by name, not later. postgres.js
 * answers rows as an array, PGlite as `{ rows }`.
 */
export async function queryRows<Row>(db: Pick<Database, 'execute'>, query: SQL, reader: RowReader<Row>): Promise<Row[]> {
  const result: unknown = await db.execute(query);
  const rows = (Array.isArray(result) ? result : (result as { rows: RawRow[] }).rows) as RawRow[];
  return rows.map(typeof reader === 'function' ? reader : (row) => reader.parse(row));
}

/** A timestamp as either driver answers it in a raw query: a Date, or Postgres's text. */
export const timestampColumn = z.union([z.date(), z.string()]).transform((value) => (value instanceof Date ? value : new Date(value)));

/** A json or jsonb value, trusted to have the shape its column is declared with (Postgres checked it was JSON). */
export const jsonColumn = <Value extends object>() => z.custom<Value>((value) => typeof value === 'object' && value !== null);

/** A number that the driver may answer as text (bigint, numeric). */
export const numberColumn = z.union([z.number(), z.string(), z.bigint()]).transform(Number);

export const toDate = (value: unknown): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(value as string);
