import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../../test/test-app.ts';
import { queryRows } from './query-rows.ts';
import { textArray } from './sql-arrays.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('lists of values in raw SQL', () => {
  it('reach Postgres as one array, whatever the strings hold', async () => {
    const values = ['https://a.example', 'a,b', '{"quoted"}', 'back\\slash', 'ünï', ''];
    const query = sql`select to_jsonb(${textArray(values)}) as list, cardinality(${textArray([])}) as empty`;
    const [row] = await queryRows(testApp.db, query, z.object({ list: z.unknown(), empty: z.unknown() }));
    expect(row?.list).toEqual(values);
    expect(Number(row?.empty)).toBe(0);
  });

  it('are never interpolated as a bare value cast to an array (drizzle would send a row)', () => {
    const root = new URL('../../../', import.meta.url).pathname;
    // postgres.js's own template sends a list as an array: only drizzle's needs textArray.
    const offenders = ['api/src', 'scripts', 'bench'].flatMap((dir) =>
      sourceFiles(join(root, dir)).flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        if (!text.includes("from 'drizzle-orm")) return [];
        return [...text.matchAll(/\$\{(?!textArray\()[^}]*\}\s*::\s*\w+\[\]/g)].map((match) => `${file}: ${match[0]}`);
      }),
    );
    expect(offenders).toEqual([]);
  });
});
