import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLogger, expectError, newTestSite, postJson, startTestApp, type TestApp } from '../../test/test-app.ts';

let testApp: TestApp;
const log = capturedLogger('warn');
beforeAll(async () => {
  testApp = await startTestApp({ logger: log.logger });
});
afterAll(() => testApp.close());

/**
 * Makes every insert of one site's rows into `table` fail as Postgres does when it runs out of
 * something (class 53), through a trigger of the test's own: other sites write as usual.
 */
async function failingInserts(table: 'surveys' | 'declines' | 'responses', siteId: string, code: string) {
  const name = `fail_${randomUUID().replaceAll('-', '')}`;
  await testApp.db.execute(
    sql.raw(`
    create function ${name}() returns trigger language plpgsql as $$
    begin raise exception 'could not extend file "base/1/2": No space left on device' using errcode = '${code}'; end $$`),
  );
  await testApp.db.execute(
    sql.raw(`create trigger ${name} before insert on ${table} for each row when (new.site_id = '${siteId}') execute function ${name}()`),
  );
  return async () => {
    await testApp.db.execute(sql.raw(`drop trigger ${name} on ${table}`));
    await testApp.db.execute(sql.raw(`drop function ${name}()`));
  };
}

describe('a database that is out of disk, memory or connections (class 53)', () => {
  it.each([
    ['53100', 'disk_full'],
    ['53200', 'out_of_memory'],
    ['53300', 'too_many_connections'],
  ])('answers 503 with Retry-After in the one error shape, logging one line and no stack trace: %s %s', async (code) => {
    const site = await newTestSite(testApp);
    log.lines.length = 0;
    const restore = await Promise.all(
      (['surveys', 'declines', 'responses'] as const).map((table) => failingInserts(table, site.siteId, code)),
    );
    try {
      for (let i = 0; i < 4; i++) {
        const created = await testApp.app.request('/v1/surveys', {
          method: 'POST',
          headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ type: 'csat', name: 'Support', productName: 'Acme' }),
        });
        expect(created.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
        expect(await expectError(created, 503, 'unavailable')).toMatch(/try again/);
        const declined = await postJson(testApp, '/v1/declines', { siteKey: site.siteKey, user: { userId: `u_${i}` } });
        expect(declined.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
        await expectError(declined, 503, 'unavailable');
        const answered = await postJson(testApp, '/v1/responses', {
          siteKey: site.siteKey,
          id: randomUUID(),
          user: { userId: `u_${i}` },
          score: 9,
        });
        expect(answered.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
        await expectError(answered, 503, 'unavailable');
      }
    } finally {
      for (const undo of restore) await undo();
    }
    // Besides the request log's line per request.
    const lines = log.lines.filter((line) => (JSON.parse(line) as { msg: string }).msg !== 'request');
    // Twelve failed requests, one line: the shortage lasts, and a line per request would bury the rest.
    expect(lines.length, lines.join('\n')).toBe(1);
    for (const line of lines) {
      expect(line).toContain(code);
      expect(line, 'one line, no stack trace').not.toMatch(/\n/);
    }
    // Once the database has room again, the same requests succeed.
    expect((await postJson(testApp, '/v1/declines', { siteKey: site.siteKey, user: { userId: 'u_after' } })).status).toBe(202);
  });
});
