import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port.ts';
import { start } from './test/child-process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'tenpoint-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function startProduct(ports: { api: number; demo: number }) {
  // The built widget and demo site are what `pnpm start` runs after `pnpm build`.
  const product = start('pnpm', ['exec', 'tsx', 'scripts/start.ts'], {
    PORT: String(ports.api),
    DEMO_PORT: String(ports.demo),
    TENPOINT_DATA_DIR: dataDir,
  });
  await product.waitFor(/Tenpoint is running|could not start/);
  return product;
}

async function stop(product: Awaited<ReturnType<typeof startProduct>>) {
  product.child.kill('SIGTERM');
  await product.exited;
}

describe('pnpm start on the same data, twice', () => {
  it('starts again with the same keys and every response', async () => {
    const ports = { api: await freePort(), demo: await freePort() };
    const api = `http://127.0.0.1:${ports.api}`;
    const first = await startProduct(ports);
    expect(first.output()).not.toMatch(/could not start/);
    const keys = JSON.parse(readFileSync(join(dataDir, 'demo-site.json'), 'utf8')) as { siteKey: string; secretKey: string };
    const responseId = randomUUID();
    const answered = await fetch(`${api}/v1/responses`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: `http://127.0.0.1:${ports.demo}` },
      body: JSON.stringify({ siteKey: keys.siteKey, id: responseId, user: { userId: 'u_restart' }, score: 10, comment: 'still here?' }),
    });
    expect(answered.status, await answered.text()).toBe(201);
    await stop(first);

    const second = await startProduct(ports);
    try {
      expect(second.output()).not.toMatch(/could not start/);
      expect(second.output()).toContain(keys.secretKey);
      expect(second.output()).not.toMatch(/Demo site keys \(new\)/);
      const read = await fetch(`${api}/v1/users/u_restart`, { headers: { Authorization: `Bearer ${keys.secretKey}` } });
      const body = await read.text();
      expect(read.status, body).toBe(200);
      expect(body).toContain(responseId);
      expect(body).toContain('still here?');
    } finally {
      await stop(second);
    }
  });
});
