import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamDeps } from '../../test/test-app.ts';
import { createApp } from '../app.ts';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import { createSite, type NewSite } from '../sites/create-site.ts';
import { createLogger, type LogLevel } from './logger.ts';

// A database of this file's own (never the shared DATABASE_URL): the last test breaks a table.
let database: DatabaseHandle;
let site: NewSite;
beforeAll(async () => {
  database = await openDatabase({ dataDir: null });
  await database.migrate();
  site = await createSite(database.db, { name: 'Logged', origins: ['https://app.example.test'] });
});
afterAll(() => database.close());

function appLoggingTo(level: LogLevel) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const app = createApp({
    db: database.db,
    now: () => new Date(),
    ...teamDeps(database.db),
    widget: null,
    logger: createLogger(level, stream),
    lookupTtlMs: 0,
  });
  return { app, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const userId = 'u_private_person';
const comment = 'my very private comment';

describe('logs', () => {
  it('say one JSON line per request: id, route pattern, status and duration, and no user data', async () => {
    const { app, lines, entries } = appLoggingTo('info');
    const answered = await app.request('/v1/responses', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: 'https://app.example.test' },
      body: JSON.stringify({
        siteKey: site.siteKey,
        id: randomUUID(),
        user: { userId, email: 'ann@private.example', traits: { plan: 'secret-plan' } },
        score: 2,
        comment,
      }),
    });
    expect(answered.status, await answered.text()).toBe(201);
    const vendor = { headers: { Authorization: `Bearer ${site.secretKey}` } };
    expect((await app.request(`/v1/users/${userId}`, vendor)).status).toBe(200);
    expect((await app.request('/v1/responses?q=private+comment&trait.plan=secret-plan', vendor)).status).toBe(200);
    expect((await app.request('/v1/nowhere/u_private_person')).status).toBe(404);

    expect(lines).toHaveLength(4);
    for (const entry of entries()) {
      expect(entry).toMatchObject({
        level: 'info',
        msg: 'request',
        requestId: expect.any(String),
        method: expect.any(String),
        status: expect.any(Number),
        durationMs: expect.any(Number),
      });
      expect(new Date(entry.time as string).getTime()).not.toBeNaN();
    }
    expect(entries().map((entry) => [entry.route, entry.status])).toEqual([
      ['/v1/responses', 201],
      ['/v1/users/:userId', 200],
      ['/v1/responses', 200],
      ['/v1/*', 404],
    ]);
    for (const secret of [userId, comment, 'ann@private.example', 'secret-plan', site.secretKey, 'private+comment'])
      expect(lines.join('\n')).not.toContain(secret);
  });

  it('say one line per error, without the query parameters a failing query carries', async () => {
    const { app, lines, entries } = appLoggingTo('warn');
    await database.db.execute(sql`alter table users rename to users_elsewhere`);
    try {
      const failed = await app.request(`/v1/users/${userId}`, { headers: { Authorization: `Bearer ${site.secretKey}` } });
      const body = (await failed.json()) as { error: { requestId: string } };
      expect(failed.status).toBe(500);
      const logged = entries();
      expect(logged.map((entry) => entry.msg)).toEqual(['unexpected error', 'request']);
      expect(logged[0]).toMatchObject({
        level: 'error',
        requestId: body.error.requestId,
        error: { type: expect.any(String), query: expect.stringContaining('users') },
      });
      expect(logged[1]).toMatchObject({ level: 'error', requestId: body.error.requestId, route: '/v1/users/:userId', status: 500 });
      expect(lines.join('\n')).not.toContain(userId);
      expect(lines.join('\n')).not.toContain(site.siteKey);
    } finally {
      await database.db.execute(sql`alter table users_elsewhere rename to users`);
    }
    // Below the level: a good request says nothing.
    expect((await app.request('/healthz')).status).toBe(200);
    expect(lines).toHaveLength(2);
  });
});
