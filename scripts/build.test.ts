import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port.ts';
import { descendantsOf, operatorEnv, repoRoot, start } from './test/child-process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'tenpoint-built-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the production build', () => {
  it('makes an API that node starts directly, with its migrations and widget', async () => {
    execFileSync('pnpm', ['--filter', '@tenpoint/api', 'run', 'build'], { cwd: repoRoot, env: operatorEnv(), stdio: 'pipe' });
    const port = await freePort();
    const env = { PORT: String(port), TENPOINT_DATA_DIR: dataDir };
    const api = start(process.execPath, [join(repoRoot, 'api/dist/server.js')], env);
    try {
      await api.waitFor(/Tenpoint API on/);
      // No TypeScript runner, no bundler: one node process and nothing under it.
      expect(descendantsOf(api.child.pid!)).toEqual([]);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status, await ready.text()).toBe(200);
      const widget = await fetch(`http://127.0.0.1:${port}/widget.js`);
      expect(await widget.text()).toBe(readFileSync(join(repoRoot, 'widget/dist/widget.js'), 'utf8'));
    } finally {
      api.child.kill('SIGTERM');
    }
    expect(await api.exited).toBe(0);

    const cli = execFileSync(
      process.execPath,
      [join(repoRoot, 'api/dist/tenpoint.js'), 'sites', 'create', '--name', 'Built', '--origin', 'https://app.example.test', '--json'],
      {
        cwd: tmpdir(),
        env: { ...operatorEnv(), ...env },
        encoding: 'utf8',
      },
    );
    expect(JSON.parse(cli)).toMatchObject({ siteKey: expect.stringMatching(/^pk_/), secretKey: expect.stringMatching(/^sk_/) });
  });
});
