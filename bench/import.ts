import { parseArgs } from 'node:util';
import { createSite, type Database, foldTallies, importResponses, openDatabase } from '@tenpoint/api';
import { defaultDatabaseUrl, ensureDatabase } from './bench-database.ts';

function options(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { rows: { type: 'string', default: '100000' }, only: { type: 'string' }, help: { type: 'boolean' } },
  });
  return { rows: Number(values.rows), only: values.only as 'pglite' | 'postgres' | undefined, help: values.help };
}

/** A plain-CSV export of `rows` answers of 2,000 users in 200 accounts over the year before `end`. */
function exportFile(rows: number, end: Date): Uint8Array {
  const lines = ['id,user_id,email,score,comment,created_at,account_id,locale,trait:plan,account_trait:tier'];
  const year = 365 * 24 * 3600 * 1000;
  for (let i = 0; i < rows; i++) {
    const user = i % 2000;
    const at = new Date(end.getTime() - year + Math.floor((i / rows) * year)).toISOString();
    const comment = i % 3 === 0 ? `"Answer ${i}, with a comma and ""quotes"""` : '';
    const traits = `${user % 2 ? 'pro' : 'free'},${user % 5 ? 'silver' : 'gold'}`;
    lines.push(`r${i},u_${user},u${user}@example.test,${i % 11},${comment},${at},acct_${user % 200},en,${traits}`);
  }
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function measure(name: string, db: Database, file: Uint8Array, rows: number) {
  const site = await createSite(db, { name: `bench import ${Date.now()}`, origins: ['https://app.example.test'] });
  const request = { siteId: site.siteId, file, dryRun: false, skipRefused: false, now: new Date() };
  let started = performance.now();
  const dry = await importResponses(db, { ...request, dryRun: true });
  const dryMs = performance.now() - started;
  started = performance.now();
  const answer = await importResponses(db, request);
  const importMs = performance.now() - started;
  started = performance.now();
  const again = await importResponses(db, request);
  const againMs = performance.now() - started;
  started = performance.now();
  let folded = 0;
  for (let batch = await foldTallies(db); batch > 0; batch = await foldTallies(db)) folded += batch;
  const foldMs = performance.now() - started;
  console.log(
    `${name.padEnd(9)} ${rows} rows (${(file.byteLength / 1024 / 1024).toFixed(1)} MB): dry run ${seconds(dryMs)}, ` +
      `import ${seconds(importMs)} (${answer.imported} added), again ${seconds(againMs)} (${again.alreadyThere} already there), ` +
      `fold of ${folded} tally changes ${seconds(foldMs)}; dry run said ${dry.imported}`,
  );
}

/** How long importing a large export takes, on the embedded database and on a Postgres server. */
export async function runImport(args: string[]): Promise<number> {
  const o = options(args);
  if (o.help) {
    console.log('pnpm bench import [--rows 100000] [--only pglite|postgres]   (Postgres: DATABASE_URL or tenpoint_bench)');
    return 0;
  }
  const file = exportFile(o.rows, new Date());
  if (o.only !== 'postgres') {
    const embedded = await openDatabase({ dataDir: null });
    await embedded.migrate();
    await measure('PGlite', embedded.db, file, o.rows).finally(() => embedded.close());
  }
  if (o.only !== 'pglite') {
    const databaseUrl = process.env.DATABASE_URL ?? defaultDatabaseUrl;
    await ensureDatabase(databaseUrl);
    const server = await openDatabase({ databaseUrl, dataDir: null });
    await server.migrate();
    await measure('Postgres', server.db, file, o.rows).finally(() => server.close());
  }
  return 0;
}
