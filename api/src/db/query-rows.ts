import type { SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from './client.ts';

/** A row as the driver answers it, before it is read. */
export type RawRow = Record<string, unknown>;

/**
 * Reads one row: a zod schema, or on the hot path a function built from `read` (a zod parse costs
 * a fraction of a microsecond a row, a function a hundredth of that).
 */
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

export const toDate = (value: unknown): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(value as string);

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** A timestamp as either driver answers it in a raw query: a Date, or Postgres's text. */
export const timestampColumn = z.union([z.date(), z.string()]).transform((value) => toDate(value)!);

/** A json or jsonb value, trusted to have the shape its column is declared with (Postgres checked it was JSON). */
export const jsonColumn = <Value extends object>() => z.custom<Value>(isObject);

/** A number that the driver may answer as text (bigint, numeric). */
export const numberColumn = z.union([z.number(), z.string(), z.bigint()]).transform(Number);

function wrong(name: string, expected: string, value: unknown): never {
  throw new Error(`column ${name}: expected ${expected}, got ${value === null ? 'null' : typeof value}`);
}

/**
 * Checks for function readers, each as cheap as its type allows: `read.text(row.id, 'id')` answers
 * the value as text, or fails naming the column. The value is passed, not looked up by name, so
 * that the reader reads each column as a plain property, as fast as a cast.
 */
export const read = {
  text: (value: unknown, name: string): string => (typeof value === 'string' ? value : wrong(name, 'text', value)),
  nullableText: (value: unknown, name: string): string | null =>
    value === null || typeof value === 'string' ? value : wrong(name, 'text or null', value),
  boolean: (value: unknown, name: string): boolean => (typeof value === 'boolean' ? value : wrong(name, 'a boolean', value)),
  number: (value: unknown, name: string): number =>
    typeof value === 'number'
      ? value
      : typeof value === 'string' || typeof value === 'bigint'
        ? Number(value)
        : wrong(name, 'a number', value),
  nullableNumber: (value: unknown, name: string): number | null => (value === null ? null : read.number(value, name)),
  nullableTimestamp: (value: unknown, name: string): Date | null =>
    value === null || value instanceof Date || typeof value === 'string' ? toDate(value) : wrong(name, 'a timestamp', value),
  json: <Value extends object>(value: unknown, name: string): Value => (isObject(value) ? (value as Value) : wrong(name, 'JSON', value)),
  nullableJson: <Value extends object>(value: unknown, name: string): Value | null =>
    value === null ? null : read.json<Value>(value, name),
};
