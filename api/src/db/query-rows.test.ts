import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { queryRows, read } from './query-rows.ts';
import { users } from './schema/index.ts';
import { sqlNames } from './sql-names.ts';

const answering = (result: unknown) => ({ execute: async () => result }) as never;

describe('queryRows', () => {
  it('reads the rows of either driver through a schema or a function', async () => {
    const rows = [{ id: 'a', n: 1 }];
    const schema = z.object({ id: z.string() });
    expect(await queryRows(answering(rows), sql`select`, schema)).toEqual([{ id: 'a' }]);
    expect(await queryRows(answering({ rows }), sql`select`, (row) => read.number(row.n, 'n'))).toEqual([1]);
  });

  it('fails on a row that is not what the reader expects, naming the column', async () => {
    await expect(queryRows(answering([{ id: 7 }]), sql`select`, (row) => read.text(row.id, 'id'))).rejects.toThrow(
      'column id: expected text, got number',
    );
    await expect(queryRows(answering([{}]), sql`select`, (row) => read.boolean(row.created, 'created'))).rejects.toThrow(
      'column created: expected a boolean, got undefined',
    );
  });

  it('reads timestamps as either driver answers them', () => {
    expect(read.nullableTimestamp('2026-01-02 03:04:05.678+00', 'at')?.toISOString()).toBe('2026-01-02T03:04:05.678Z');
    expect(read.nullableTimestamp(null, 'at')).toBeNull();
  });
});

describe('sqlNames', () => {
  it('writes the schema names as quoted SQL, in drizzle templates and in text alike', () => {
    const u = sqlNames(users);
    const { sql: text, params } = new PgDialect().sqlToQuery(sql`select ${u.userId} from ${u.$table} where ${u.siteId} = ${'s'}`);
    expect(text).toBe('select "user_id" from "users" where "site_id" = $1');
    expect(params).toEqual(['s']);
    expect(`${u.shownAtBySurvey}`).toBe('"shown_at_by_survey"');
  });
});
