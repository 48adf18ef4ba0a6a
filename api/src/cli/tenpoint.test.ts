import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { teamDeps } from '../../test/test-app.ts';
import { createApp } from '../app.ts';
import { openDatabase } from '../db/client.ts';

// The CLI as operators run it, on its own embedded database (or on DATABASE_URL when set).
const dataDir = mkdtempSync(join(tmpdir(), 'tenpoint-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const bin = new URL('../../bin/tenpoint.js', import.meta.url).pathname;
const fixture = (name: string) => new URL(`../imports/fixtures/${name}`, import.meta.url).pathname;

async function tenpoint(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], {
      env: { ...process.env, TENPOINT_DATA_DIR: dataDir },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function json(...args: string[]): Promise<unknown> {
  const run = await tenpoint(...args, '--json');
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

/** One answer recorded through the API on the CLI's database, while no CLI holds it. */
async function answer(siteKey: string, userId: string) {
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir });
  try {
    const app = createApp({ db: database.db, now: () => new Date(), ...teamDeps(database.db), widget: null });
    const response = await app.request('/v1/responses', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: 'https://beta.example.test' },
      body: JSON.stringify({ siteKey, id: crypto.randomUUID(), user: { userId }, score: 3, comment: 'erase me' }),
    });
    expect(response.status, await response.text()).toBe(201);
  } finally {
    await database.close();
  }
}

// Each command opens and migrates the database: seconds apiece on a busy machine.
describe('pnpm tenpoint', { timeout: 180_000 }, () => {
  it('answers --help with every command, and each command with its own usage', async () => {
    const help = await tenpoint('--help');
    expect(help.code).toBe(0);
    for (const command of [
      'sites list',
      'sites create',
      'sites origins add',
      'sites origins remove',
      'sites origins list',
      'sites test-mode',
      'sites wootric-token',
      'users erase',
      'import responses',
      'db migrate',
    ]) {
      expect(help.stdout).toContain(`pnpm tenpoint ${command}`);
    }
    const one = await tenpoint('sites', 'origins', '--help');
    expect(one.stdout).toContain('sites origins add');
    expect(one.stdout).not.toContain('users erase');
    const unknown = await tenpoint('sites', 'explode');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command: sites explode');
  });

  it("sets and clears a site's Wootric account token", async () => {
    const site = (await json('sites', 'create', '--name', 'Was on Wootric', '--origin', 'https://app.example.test')) as { siteKey: string };
    expect(await json('sites', 'wootric-token', '--site', site.siteKey, 'NPS-cli12345')).toMatchObject({
      wootricAccountToken: 'NPS-cli12345',
    });
    expect((await tenpoint('sites', 'wootric-token', '--site', site.siteKey, 'NPS-ü')).code).toBe(2);
    expect(await json('sites', 'wootric-token', '--site', site.siteKey, 'none')).toMatchObject({ wootricAccountToken: null });
  });

  it('lists sites, adds and removes origins, switches test mode and erases a user', async () => {
    const site = (await json('sites', 'create', '--name', 'CLI site', '--origin', 'https://app.example.test')) as {
      siteId: string;
      siteKey: string;
    };
    const listed = (await json('sites', 'list')) as Array<{ id: string; siteKey: string; allowedOrigins: string[]; testMode: boolean }>;
    expect(listed.find((entry) => entry.id === site.siteId)).toMatchObject({
      siteKey: site.siteKey,
      allowedOrigins: ['https://app.example.test'],
      testMode: false,
    });
    expect(JSON.stringify(listed)).not.toMatch(/sk_/);

    expect(await json('sites', 'origins', 'add', '--site', site.siteKey, 'https://Beta.example.test/', 'http://localhost:3000')).toEqual([
      'https://app.example.test',
      'https://beta.example.test',
      'http://localhost:3000',
    ]);
    expect(await json('sites', 'origins', 'remove', '--site', site.siteId, 'https://app.example.test')).toEqual([
      'https://beta.example.test',
      'http://localhost:3000',
    ]);
    expect(await json('sites', 'origins', 'list', '--site', site.siteKey)).toEqual(['https://beta.example.test', 'http://localhost:3000']);
    const bad = await tenpoint('sites', 'origins', 'add', '--site', site.siteKey, 'beta.example.test');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('origin beta.example.test: must look like https://app.example.com');

    expect(await json('sites', 'test-mode', '--site', site.siteKey, 'on')).toMatchObject({ testMode: true });
    expect(await json('sites', 'test-mode', '--site', site.siteKey, 'off')).toMatchObject({ testMode: false });
    expect((await tenpoint('sites', 'test-mode', '--site', site.siteKey, 'maybe')).code).toBe(2);
    expect((await tenpoint('sites', 'test-mode', '--site', 'pk_nobody', 'on')).stderr).toContain('no site pk_nobody');

    await answer(site.siteKey, 'u_erased');
    expect(await json('users', 'erase', '--site', site.siteKey, 'u_erased')).toEqual({
      erased: { responses: 1, declines: 0, impressions: 0, user: 1, webhookDeliveries: 0 },
    });
    const nobody = await tenpoint('users', 'erase', '--site', site.siteKey, 'u_erased');
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('nothing is stored about u_erased');
  });

  it('imports a Wootric export with the endpoint’s import: a dry run, the import, the same again, and a refused file', async () => {
    const site = (await json('sites', 'create', '--name', 'Import site', '--origin', 'https://app.example.test')) as { siteKey: string };
    const wootric = fixture('wootric.csv');

    const dry = await tenpoint('import', 'responses', wootric, '--site', site.siteKey, '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('from Wootric, 6 rows read (dry run: nothing written)');
    expect(dry.stdout).toMatch(/would import\s+6/);

    expect(await json('import', 'responses', wootric, '--site', site.siteKey)).toMatchObject({ imported: 6, alreadyThere: 0 });
    const again = await tenpoint('import', 'responses', wootric, '--site', site.siteKey, '--format', 'wootric');
    expect(again.stdout).toMatch(/imported\s+0\n\s+already there\s+6/);

    const refused = await tenpoint('import', 'responses', fixture('malformed.csv'), '--site', site.siteKey);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('line 3, score: must be a whole number from 0 to 10 (survey "NPS" is NPS); "9.5" is not');
    expect(refused.stdout).toContain('Nothing was written');
    const skipped = (await json('import', 'responses', fixture('malformed.csv'), '--site', site.siteKey, '--skip-refused')) as {
      imported: number;
    };
    expect(skipped.imported).toBe(1);

    const missing = await tenpoint('import', 'responses', 'nowhere.csv', '--site', site.siteKey);
    expect([missing.code, missing.stderr]).toEqual([1, 'tenpoint: cannot read nowhere.csv: no such file\n']);
  });
});
