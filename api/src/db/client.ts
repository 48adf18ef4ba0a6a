import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { migrationsFolder } from '../bundled-paths.ts';
import { holdDataDirLock } from './data-dir-lock.ts';
import { socketsWithReplyDeadline } from './reply-deadline.ts';
import * as schema from './schema/index.ts';
import { applySqlDefinitions } from './sql-definitions.ts';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: 'embedded' | 'postgres';
  /** Connections running a statement or transaction now, and how many this process may open. */
  connections(): { busy: number; max: number };
  /** Applies the migrations in `migrations/` that have not run yet, then makes the SQL definitions again. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

// Any fixed number: many API processes starting at once take turns migrating.
const migrationLockId = 7_204_551;

// The API's statements read pages and tallies: a statement still running after this is cut short.
const defaultStatementTimeoutMs = 5_000;

/**
 * Opens Postgres at `databaseUrl`, or the embedded one in `dataDir` (in memory when null). On
 * Postgres no statement runs longer than `statementTimeoutMs` (bulk loads may ask for more).
 * An in-memory embedded database may start from `loadDataDir`, a PGlite `dumpDataDir()` tarball,
 * instead of an empty cluster (the tests start from one that is already migrated).
 */
export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir: string | null;
  statementTimeoutMs?: number;
  loadDataDir?: Blob;
}): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.statementTimeoutMs ?? defaultStatementTimeoutMs);
  if (options.loadDataDir && options.dataDir) throw new Error('loadDataDir is for an in-memory database only');
  return openEmbedded(options.dataDir, options.loadDataDir);
}

async function openEmbedded(dataDir: string | null, loadDataDir?: Blob): Promise<DatabaseHandle> {
  let releaseLock = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    releaseLock = holdDataDirLock(dataDir);
  }
  try {
    const client = dataDir ? await PGlite.create(dataDir) : await PGlite.create(loadDataDir ? { loadDataDir } : {});
    const busy = { count: 0 };
    const db = drizzlePglite(countingBusy(client, ['query', 'exec', 'transaction'], busy), { schema, casing: 'snake_case' });
    return {
      db,
      kind: 'embedded',
      connections: () => ({ busy: Math.min(busy.count, 1), max: 1 }),
      migrate: async () => {
        await migratePglite(db, { migrationsFolder });
        await applySqlDefinitions(db);
      },
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
 * Counts calls of `methods` in flight: postgres.js and PGlite have no pool gauge of their own.
 * postgres.js queries are lazy (they run when awaited, after drizzle has called `.values()` on
 * them), so a thenable is counted from its first `then`, a promise from the call.
 */
function countingBusy<Client extends object>(client: Client, methods: string[], busy: { count: number }): Client {
  const track = (running: PromiseLike<unknown>) => {
    busy.count++;
    const done = () => void busy.count--;
    running.then(done, done);
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (!methods.includes(String(property))) return value.bind(target);
      return (...args: unknown[]) => {
        const result = value.apply(target, args);
        if (result instanceof Promise) track(result);
        else if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
          const lazy = result as PromiseLike<unknown> & { then: PromiseLike<unknown>['then'] };
          const then = lazy.then;
          let started: PromiseLike<unknown> | undefined;
          // biome-ignore lint/suspicious/noThenProperty: drizzle's queries are thenables, and so must this one be
          lazy.then = (onFulfilled, onRejected) => {
            if (!started) {
              started = then.call(lazy, (value: unknown) => value);
              track(started);
            }
            return started.then(onFulfilled, onRejected);
          };
        }
        return result;
      };
    },
  });
}

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

const maxConnections = 10;

function openPostgres(databaseUrl: string, statementTimeoutMs: number): DatabaseHandle {
  // A server that does not answer within a second is treated as down: callers get a 503 quickly.
  // postgres.js waits up to 20 s between failed connects by default: then calls hang for the whole
  // outage and for seconds after it; half a second at most keeps both short.
  // `socket` is documented in postgres.js's README but missing from its types.
  const options: postgres.Options<Record<string, never>> & { socket: ReturnType<typeof socketsWithReplyDeadline> } = {
    max: maxConnections,
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
    // postgres.js reads the server's array types on each new connection, and a connection lost during
    // that read rejects a promise nobody holds, which ends the process. The arrays we read are text[],
    // which drizzle parses itself.
    fetch_types: false,
    onnotice: () => {},
  };
  const client = postgres(databaseUrl, options);
  const busy = { count: 0 };
  // A transaction holds its connection throughout; the statements inside it are not counted again.
  const db = drizzlePostgres(countingBusy(preparingStatements(client), ['unsafe', 'begin'], busy), { schema, casing: 'snake_case' });
  return {
    db,
    kind: 'postgres',
    connections: () => ({ busy: Math.min(busy.count, maxConnections), max: maxConnections }),
    migrate: async () => {
      const lockClient = postgres(databaseUrl, { max: 1, onnotice: () => {} });
      try {
        const lockDb = drizzlePostgres(lockClient, { schema, casing: 'snake_case' });
        await lockDb.execute(sql`select pg_advisory_lock(${migrationLockId})`);
        await migratePostgres(lockDb, { migrationsFolder });
        await applySqlDefinitions(lockDb);
        await lockDb.execute(sql`select pg_advisory_unlock(${migrationLockId})`);
      } finally {
        await lockClient.end();
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}
