import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import postgres from 'postgres';
import { minimalWritesTable } from './bench-database.ts';

// The second yardstick: the least any durable answer costs on this machine. Each body is stored
// whole, by its id, in a table with a primary key and nothing else: no validation, no users, no
// snapshots, no tallies. Concurrent bodies share one insert and one commit, as in the API, and each
// is answered only once committed.

const sql = postgres(process.env.DATABASE_URL!, { max: 4, onnotice: () => {} });
await sql.unsafe(`create table if not exists ${minimalWritesTable} (id uuid primary key, body jsonb not null)`);
const insert = `insert into ${minimalWritesTable} (id, body)
  select id, body from jsonb_to_recordset($1::jsonb) as input(id uuid, body jsonb) on conflict (id) do nothing`;

interface Pending {
  row: { id: string; body: unknown };
  settle: (error?: unknown) => void;
}

let queue: Pending[] = [];
let inFlight = 0;

async function flush() {
  inFlight++;
  while (queue.length) {
    const batch = queue;
    queue = [];
    try {
      await sql.unsafe(insert, [sql.json(batch.map((pending) => pending.row) as never)], { prepare: true });
      for (const pending of batch) pending.settle();
    } catch (error) {
      for (const pending of batch) pending.settle(error);
    }
  }
  inFlight--;
}

function store(row: Pending['row']): Promise<void> {
  return new Promise((resolve, reject) => {
    queue.push({ row, settle: (error) => (error === undefined ? resolve() : reject(error)) });
    if (inFlight < 2) void flush();
  });
}

const app = new Hono()
  .get('/healthz', (c) => c.text('ok'))
  .post('/v1/responses', async (c) => {
    const body = (await c.req.json()) as { id: string };
    await store({ id: body.id, body });
    return c.json({ id: body.id }, 201);
  });

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
