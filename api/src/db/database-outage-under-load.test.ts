import { randomUUID } from 'node:crypto';
import { errorBodySchema } from '@tenpoint/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Outage, startTcpProxy } from '../../test/tcp-proxy.ts';
import { newTestSite, postJson, startTestAppOn, type TestApp } from '../../test/test-app.ts';

const databaseUrl = process.env.DATABASE_URL;
const paths = ['/v1/eligibility', '/v1/impressions', '/v1/responses', '/v1/declines'];

interface Answer {
  path: string;
  startedAt: number;
  ms: number;
  status: number;
  text: string;
  retryAfter: string | null;
}

function isUnavailable(answer: Answer): boolean {
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return false;
  }
  const shape = errorBodySchema.safeParse(body);
  return answer.status === 503 && shape.success && shape.data.error.code === 'unavailable' && /^\d+$/.test(answer.retryAfter ?? '');
}

// Outages happen while pages keep calling: the calls in flight when the database goes, the pile-up
// while it is gone and the first calls after it is back must all be answered properly.
describe.skipIf(!databaseUrl)('a database outage under load', () => {
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let testApp: TestApp;
  let site: Awaited<ReturnType<typeof newTestSite>>;

  beforeAll(async () => {
    const url = new URL(databaseUrl!);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.port = String(proxy.port);
    testApp = await startTestAppOn(url.toString());
    site = await newTestSite(testApp);
  });
  afterAll(async () => {
    await testApp.close();
    await proxy.close();
  });

  async function call(path: string): Promise<Answer> {
    const user = { userId: `u_${randomUUID()}` };
    const body = path === '/v1/responses' ? { siteKey: site.siteKey, user, id: randomUUID(), score: 8 } : { siteKey: site.siteKey, user };
    const startedAt = performance.now();
    const response = await postJson(testApp, path, body);
    const text = await response.text();
    return {
      path,
      startedAt,
      ms: performance.now() - startedAt,
      status: response.status,
      text,
      retryAfter: response.headers.get('retry-after'),
    };
  }

  it.each(['refuse', 'blackhole'] as Outage[])(
    'keeps every call under 2 s with 20 calls at a time while connections are %sd, and serves again soon after',
    async (outage) => {
      const answers: Answer[] = [];
      let running = true;
      const workers = Array.from({ length: 20 }, async (_, worker) => {
        for (let turn = 0; running; turn++) answers.push(await call(paths[(worker + turn) % paths.length]!));
      });

      await new Promise((resolve) => setTimeout(resolve, 300));
      await proxy.down(outage);
      const downAt = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const readiness = await testApp.app.request('/readyz');
      await proxy.up();
      const upAt = performance.now();
      const recovered = new Map<string, number>();
      while (recovered.size < paths.length && performance.now() - upAt < 10_000) {
        for (const answer of answers) {
          const doneAfterUp = answer.startedAt + answer.ms - upAt;
          if (doneAfterUp >= 0 && answer.status < 300 && !recovered.has(answer.path)) recovered.set(answer.path, doneAfterUp);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      running = false;
      await Promise.all(workers);

      const wrong = answers.filter((answer) => {
        if (answer.ms >= 2000) return true;
        // A call made while the database was down may still succeed if it came back in time.
        if (answer.status < 300) return answer.startedAt >= downAt && answer.startedAt + answer.ms < upAt;
        return !isUnavailable(answer);
      });
      const during = answers.filter((answer) => answer.startedAt >= downAt && answer.startedAt < upAt);
      const slowest = Math.round(Math.max(...during.map((answer) => answer.ms)));
      expect(during.length, 'calls made while the database was down').toBeGreaterThan(40);
      expect(
        wrong.slice(0, 5).map(({ path, status, ms, text }) => `${path} → ${status} after ${Math.round(ms)} ms: ${text.slice(0, 120)}`),
        `${wrong.length} of ${answers.length} calls were answered wrongly; the slowest while down took ${slowest} ms`,
      ).toEqual([]);
      expect(readiness.status).toBe(503);
      expect(readiness.headers.get('retry-after')).toMatch(/^\d+$/);
      // A refused connect is retried at once; a blackholed one first runs into its 1 s connect timeout.
      const recoveryMs = outage === 'refuse' ? 1000 : 2000;
      for (const path of paths)
        expect(recovered.get(path), `${path}: ms from the database's return to the first success`).toBeLessThan(recoveryMs);
    },
  );
});
