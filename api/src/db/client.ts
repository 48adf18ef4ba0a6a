import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { holdDataDirLock } from './data-dir-lock.ts';
import { socketsWithReplyDeadline } from './reply-deadline.ts';
import * as schema from './schema/index.ts';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: 'embedded' | 'postgres';
  /** Applies the migrations in `migrations/` that have not run yet. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('../../../migrations', import.meta.url));
// Any fixed number: many API processes starting at once take turns migrating.
const migrationLockId = 7_204_551;

// The API's statements read pages and tallies: a statement still running after this is cut short.
const defaultStatementTimeoutMs = 5_000;

/**
 * Opens Postgres at `databaseUrl`, or the embedded one in `dataDir` (in memory when null). On
 * Postgres no statement runs longer than `statementTimeoutMs` (bulk loads may ask for more).
 */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string | null; statementTimeoutMs?: number }): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.statementTimeoutMs ?? defaultStatementTimeoutMs);
  return openEmbedded(options.dataDir);
}

async function openEmbedded(dataDir: string | null): Promise<DatabaseHandle> {
  let releaseLock = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    releaseLock = holdDataDirLock(dataDir);
  }
  try {
    const client = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
    const db = drizzlePglite(client, { schema, casing: 'snake_case' });
    return {
      db,
      kind: 'embedded',
      migrate: () => migratePglite(db, { migrationsFolder }),
      close: async () => {
        await client.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

type Sql = postgres.Sql;

/**
 * drizzle asks postgres.js not to prepare its statements, and postgres.js then spends a round trip
 * describing each parameterised query before running it. Prepared, that round trip is paid once per
 * connection and statement text: half the round trips on every hot path.
 */
function preparingStatements(client: Sql): Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (query: string, params?: unknown[], options?: Record<string, unknown>) =>
          target.unsafe(query, params as never, { ...options, prepare: true });
      }
      if (property === 'begin') {
        return (...args: unknown[]) => {
          const callback = args.pop() as (sql: Sql) => unknown;
          return (target.begin as (...rest: unknown[]) => unknown)(...args, (sql: Sql) => callback(preparingStatements(sql)));
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function openPostgres(databaseUrl: string, statementTimeoutMs: number): DatabaseHandle {
  // A server that does not answer within a second is treated as down: callers get a 503 quickly.
  // postgres.js waits up to 20 s between failed connects by default: then calls hang for the whole
  // outage and for seconds after it; half a second at most keeps both short.
  // `socket` is documented in postgres.js's README but missing from its types.
  const options: postgres.Options<Record<string, never>> & { socket: ReturnType<typeof socketsWithReplyDeadline> } = {
    max: 10,
    connect_timeout: 1,
    backoff: (retries: number) => Math.min(0.05 * retries, 0.5),
    // Closed before a NAT or firewall forgets an idle connection (minutes on most).
    idle_timeout: 60,
    // A connection that stops answering without closing is replaced once its reply is this late;
    // the server would have cut the statement by then, so a slow statement is never mistaken for it.
    socket: socketsWithReplyDeadline(statementTimeoutMs + 2_000),
    connection: {
      statement_timeout: statementTimeoutMs,
      // The server ends the transactions of a client that went silent, and the locks they hold.
      idle_in_transaction_session_timeout: statementTimeoutMs,
    },
    onnotice: () => {},
  };
  const client = postgres(databaseUrl, options);
  const db = drizzlePostgres(preparingStatements(client), { schema, casing: 'snake_case' });
  return {
    db,
    kind: 'postgres',
    migrate: async () => {
      const lockClient = postgres(databaseUrl, { max: 1, onnotice: () => {} });
      try {
        const lockDb = drizzlePostgres(lockClient);
        await lockDb.execute(sql`select pg_advisory_lock(${migrationLockId})`);
        await migratePostgres(lockDb, { migrationsFolder });
        await lockDb.execute(sql`select pg_advisory_unlock(${migrationLockId})`);
      } finally {
        await lockClient.end();
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}
