import { getTableColumns, getTableName, StringChunk, type Table } from 'drizzle-orm';

/**
 * Fixed text of hand-written SQL, such as a name: a chunk of text in drizzle's `sql` templates,
 * its text in JavaScript's, so that a statement's fixed part can be written once, as text, at load.
 */
export class SqlText extends StringChunk {
  constructor(readonly text: string) {
    super(text);
  }

  override toString(): string {
    return this.text;
  }
}

const quoted = (name: string) => new SqlText(`"${name.replaceAll('"', '""')}"`);

export type SqlTexts<T extends Table> = { [Key in keyof T['_']['columns']]: SqlText } & { $table: SqlText };

/**
 * A table's name (`$table`) and its columns' names by their schema keys, for hand-written SQL: a
 * renamed column fails type-checking instead of at run time. Names are bare (`"user_id"`): write
 * the table or its alias before one where two tables meet. Text, not drizzle's table and column
 * objects, which cost microseconds each every time a statement is built.
 */
export function sqlNames<T extends Table>(table: T): SqlTexts<T> {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const names = Object.fromEntries(Object.entries(columns).map(([key, column]) => [key, quoted(column.name)]));
  return { ...names, $table: quoted(getTableName(table)) } as SqlTexts<T>;
}
