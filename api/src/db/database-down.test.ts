import { randomUUID } from 'node:crypto';
import { errorBodySchema } from '@tenpoint/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Outage, startTcpProxy } from '../../test/tcp-proxy.ts';
import { teamDeps, testOrigin } from '../../test/test-app.ts';
import { createApp } from '../app.ts';
import { createSite } from '../sites/create-site.ts';
import { type DatabaseHandle, openDatabase } from './client.ts';

const databaseUrl = process.env.DATABASE_URL;

// The embedded database lives in the process and cannot go away; this is about a Postgres server.
describe.skipIf(!databaseUrl)('with the database down', () => {
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let database: DatabaseHandle;
  let app: ReturnType<typeof createApp>;
  let site: Awaited<ReturnType<typeof createSite>>;

  beforeAll(async () => {
    const url = new URL(databaseUrl!);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.port = String(proxy.port);
    database = await openDatabase({ databaseUrl: url.toString(), dataDir: null });
    await database.migrate();
    app = createApp({ db: database.db, now: () => new Date(), ...teamDeps(database.db), widget: null });
    site = await createSite(database.db, { name: 'Outage', origins: [testOrigin] });
  });
  afterAll(async () => {
    await database.close();
    await proxy.close();
  });

  const calls = () => {
    const user = { userId: `u_${randomUUID()}` };
    return [
      ['/v1/eligibility', { siteKey: site.siteKey, user }],
      ['/v1/impressions', { siteKey: site.siteKey, user }],
      ['/v1/responses', { siteKey: site.siteKey, user, id: randomUUID(), score: 9 }],
      ['/v1/declines', { siteKey: site.siteKey, user }],
    ] as const;
  };
  const send = (path: string, body: unknown) =>
    app.request(path, { method: 'POST', headers: { 'Content-Type': 'text/plain', Origin: testOrigin }, body: JSON.stringify(body) });

  it.each(['refuse', 'blackhole'] as Outage[])(
    'answers 503 within 2 s while connections are %sd, and recovers without a restart',
    async (outage) => {
      for (const [path, body] of calls()) expect((await send(path, body)).status, path).toBeLessThan(300);

      await proxy.down(outage);
      for (const [path, body] of calls()) {
        const started = performance.now();
        const response = await send(path, body);
        const elapsed = performance.now() - started;
        const text = await response.text();
        expect(response.status, `${path}: ${text}`).toBe(503);
        expect(errorBodySchema.parse(JSON.parse(text)).error.code).toBe('unavailable');
        expect(response.headers.get('retry-after'), path).toMatch(/^\d+$/);
        expect(elapsed, path).toBeLessThan(2000);
      }
      expect((await app.request('/readyz')).status).toBe(503);

      await proxy.up();
      const deadline = Date.now() + 10_000;
      for (const [path, body] of calls()) {
        let status = (await send(path, body)).status;
        while (Date.now() < deadline && status >= 500) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          status = (await send(path, body)).status;
        }
        expect(status, `${path} after the database came back`).toBeLessThan(300);
      }
      expect((await app.request('/readyz')).status).toBe(200);
    },
  );
});
