import { getTableColumns, sql, type SQL, type Table } from 'drizzle-orm';

/**
 * A table's columns by their schema keys, as bare names: for the places in hand-written SQL that
 * take no table before a column (insert lists, SET, ON CONFLICT, a table given another name).
 * `${table.column}` is the same column with its table's name before it. Either way a renamed
 * column fails type-checking instead of at run time.
 */
export function columnNames<T extends Table>(table: T): { [Key in keyof T['_']['columns']]: SQL } {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  return Object.fromEntries(Object.entries(columns).map(([key, column]) => [key, sql`${sql.identifier(column.name)}`])) as unknown as {
    [Key in keyof T['_']['columns']]: SQL;
  };
}
