import postgres from 'postgres';

export const defaultDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/tenpoint_bench';

const quiet = { max: 1, onnotice: () => {}, connect_timeout: 5 } as const;

/** Creates the database named in the URL when it does not exist yet; says whether it did. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!name) throw new Error('DATABASE_URL: must name a database, e.g. postgres://postgres@127.0.0.1:5432/tenpoint_bench');
  url.pathname = '/postgres';
  const admin = postgres(url.toString(), quiet);
  try {
    const found = await admin`select 1 from pg_database where datname = ${name}`;
    if (found.length > 0) return false;
    await admin.unsafe(`create database "${name.replaceAll('"', '""')}"`);
    return true;
  } finally {
    await admin.end();
  }
}

export interface DatabaseFacts {
  version: string;
  fsync: string;
  synchronousCommit: string;
}

/** The settings that decide whether a commit is durable, printed with the figures. */
export async function databaseFacts(databaseUrl: string): Promise<DatabaseFacts> {
  const sql = postgres(databaseUrl, quiet);
  try {
    const [row] = await sql<{ version: string; fsync: string; synchronous_commit: string }[]>`
      select current_setting('server_version') as version, current_setting('fsync') as fsync,
        current_setting('synchronous_commit') as synchronous_commit`;
    return { version: row!.version, fsync: row!.fsync, synchronousCommit: row!.synchronous_commit };
  } finally {
    await sql.end();
  }
}

export async function countResponses(databaseUrl: string, siteId: string): Promise<number> {
  const sql = postgres(databaseUrl, quiet);
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from responses where site_id = ${siteId}`;
    return row!.n;
  } finally {
    await sql.end();
  }
}

/**
 * Waits until the API has folded the changes the last phase logged (at most `timeoutMs`), so that
 * the next phase is not measured while the folder works off the previous one's backlog. Answers
 * how long that took.
 */
export async function waitForTalliesFolded(databaseUrl: string, timeoutMs = 60_000): Promise<number> {
  const sql = postgres(databaseUrl, quiet);
  const started = Date.now();
  try {
    for (;;) {
      // An older checkout measured with --api may have no tally log at all.
      const [table] = await sql<{ found: boolean }[]>`select to_regclass('tally_changes') is not null as found`;
      if (!table!.found) return 0;
      const [row] = await sql<{ pending: boolean }[]>`select exists (select 1 from tally_changes) as pending`;
      if (!row!.pending || Date.now() - started > timeoutMs) return Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await sql.end();
  }
}

/** Where the minimal durable server (the second yardstick) stores its bodies; dropped after the run. */
export const minimalWritesTable = 'bench_minimal_writes';

export async function dropMinimalWrites(databaseUrl: string): Promise<void> {
  const sql = postgres(databaseUrl, quiet);
  try {
    await sql.unsafe(`drop table if exists ${minimalWritesTable}`);
  } finally {
    await sql.end();
  }
}
