import { readFileSync } from 'node:fs';
import { type SQL, sql } from 'drizzle-orm';
import { sqlDefinitionFile, sqlDefinitionSources } from '../bundled-paths.ts';
import { categoryNameFunction } from '../scores/category-sql.ts';

const statementsOf = (source: (typeof sqlDefinitionSources)[number]) =>
  readFileSync(sqlDefinitionFile(source), 'utf8')
    .split('--> statement-breakpoint')
    .map((statement) => statement.trim())
    .filter(Boolean);

/**
 * The functions and views whose one home is beside the code that uses them, as statements:
 * category names written from @tenpoint/shared/scores, then the SQL files (the score engine, the
 * webhook outbox, which names categories). Migrations change tables; these are made again after
 * them on every start, so that a change to them is written once, in their own file.
 */
export const sqlDefinitions = (): string[] => [categoryNameFunction(), ...sqlDefinitionSources.flatMap(statementsOf)];

/**
 * Makes every SQL definition again (`create or replace`), all or none. The caller runs it after
 * the migrations and, on a server, under the migration lock: two processes replacing one function
 * at once would fail ("tuple concurrently updated").
 */
export async function applySqlDefinitions(db: {
  transaction(run: (tx: { execute(query: SQL): Promise<unknown> }) => Promise<void>): Promise<void>;
}): Promise<void> {
  const statements = sqlDefinitions();
  await db.transaction(async (tx) => {
    for (const statement of statements) await tx.execute(sql.raw(statement));
  });
}
