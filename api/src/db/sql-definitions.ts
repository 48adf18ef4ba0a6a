import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { sqlDefinitionFile, sqlDefinitionSources } from '../bundled-paths.ts';
import type { Database } from './client.ts';

/**
 * The functions and views whose one home is a SQL file beside the code that uses them (the score
 * engine: api/src/scores/engine.sql), as statements. Migrations change tables; these are made
 * again after them on every start, so that a change to them is written once, in their file.
 */
export function sqlDefinitions(): string[] {
  return sqlDefinitionSources.flatMap((source) =>
    readFileSync(sqlDefinitionFile(source), 'utf8')
      .split('--> statement-breakpoint')
      .map((statement) => statement.trim())
      .filter(Boolean),
  );
}

/**
 * Makes every SQL definition again (`create or replace`), all or none. The caller runs it after
 * the migrations and, on a server, under the migration lock: two processes replacing one function
 * at once would fail ("tuple concurrently updated").
 */
export async function applySqlDefinitions(db: Pick<Database, 'transaction'>): Promise<void> {
  const statements = sqlDefinitions();
  await db.transaction(async (tx) => {
    for (const statement of statements) await tx.execute(sql.raw(statement));
  });
}
