import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FollowUpFigures, InboxItem } from '@tenpoint/shared';
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

/** The console link printed, and its one-time token. */
function signInLinkOf(output: string) {
  const link = /Console\s+(http\S+)/.exec(output)?.[1];
  expect(link, output).toMatch(/\/app\/#\/sign-in-link\?token=/);
  return { link: link!, token: new URLSearchParams(link!.split('?')[1]).get('token')! };
}

async function stop(product: Awaited<ReturnType<typeof startProduct>>) {
  product.child.kill('SIGTERM');
  await product.exited;
}

describe('pnpm start on the same data, twice', () => {
  it('starts again with the same keys, team and every response, printing a new one-time sign-in link each time', async () => {
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
    const firstLink = signInLinkOf(first.output());
    // "(new)" only on a database that never had the demo's team: CI's Postgres is shared with other starts.
    const signedIn = await fetch(`${api}/v1/sign-in-link`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: api },
      body: JSON.stringify({ token: firstLink.token }),
    });
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toMatchObject({ organizations: [{ name: 'Ledgerly (demo)', role: 'owner' }] });
    // The demo's owner followed most detractors up; the last days' are still open in the inbox.
    const withKey = { headers: { Authorization: `Bearer ${keys.secretKey}` } };
    const { followUp } = (await (await fetch(`${api}/v1/scores`, withKey)).json()) as { followUp: FollowUpFigures };
    expect(followUp.followedUpShare).toBeGreaterThan(0.5);
    expect(followUp.followedUpShare).toBeLessThan(1);
    expect(followUp.openByAge.underADay + followUp.openByAge.oneToSevenDays).toBeGreaterThan(0);
    const inbox = (await (await fetch(`${api}/v1/inbox?category=detractor`, withKey)).json()) as { data: InboxItem[] };
    expect(inbox.data[0]?.followUp.state).toMatch(/^(new|in_progress)$/);
    await stop(first);

    const second = await startProduct(ports);
    try {
      expect(second.output()).not.toMatch(/could not start/);
      expect(second.output()).toContain(keys.secretKey);
      expect(second.output()).not.toMatch(/Demo site keys \(new\)/);
      expect(second.output()).not.toMatch(/\(demo\) \(new\)/);
      expect(signInLinkOf(second.output()).token).not.toBe(firstLink.token);
      // No secret key in any address printed.
      expect(second.output()).not.toMatch(/https?:\/\/\S*sk_/);
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
