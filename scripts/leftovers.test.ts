import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { operatorEnv, start } from './test/child-process.ts';

const scratch = mkdtempSync(join(tmpdir(), 'tenpoint-leftovers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the browser tests', () => {
  it('pick free ports of their own and leave nothing in the temp folder', async () => {
    // A temp folder of this test's own, and none of the ports or folders CI may set for its second run.
    const env = Object.fromEntries(Object.entries(operatorEnv()).filter(([name]) => !name.startsWith('E2E_')));
    const run = start('pnpm', ['exec', 'playwright', 'test', 'demo-site/e2e/answer-survey.spec.ts', '--reporter=line'], {
      ...env,
      TMPDIR: scratch,
      CI: '',
    });
    const code = await run.exited;
    expect(code, run.output()).toBe(0);
    expect(run.output()).not.toMatch(/18787|15173/);
    // tsx's and Playwright's compile caches are reused by the next run, not added to by each one.
    const left = readdirSync(scratch).filter((name) => !/^(tsx|playwright-transform-cache)-\d+$/.test(name));
    expect(left, run.output()).toEqual([]);
  });
});
