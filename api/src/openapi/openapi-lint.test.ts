import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamDeps } from '../../test/test-app.ts';
import { createApp } from '../app.ts';
import type { Database } from '../db/client.ts';

/**
 * The served /openapi.json, measured as the tools that read it measure it: `redocly lint`
 * (recommended) and `spectral lint` (spectral:oas) find nothing, and the TypeScript that
 * openapi-typescript makes of it types every answer. All offline, from node_modules.
 */

const run = promisify(execFile);
const api = fileURLToPath(new URL('../../', import.meta.url));
const bin = (name: string) => join(api, 'node_modules/.bin', name);
// Nothing leaves the machine: no telemetry, no update check.
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_UPDATE_NOTIFIER: '1' };

type Document = {
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content?: Record<string, unknown> }> }>>;
};

let folder: string;
let document: Document;
beforeAll(async () => {
  const app = createApp({ db: {} as Database, now: () => new Date(), ...teamDeps({} as Database), widget: null });
  const text = await (await app.request('http://127.0.0.1:8787/openapi.json')).text();
  document = JSON.parse(text) as Document;
  folder = mkdtempSync(join(tmpdir(), 'tenpoint-openapi-'));
  cpSync(join(api, 'openapi-lint'), folder, { recursive: true });
  writeFileSync(join(folder, 'openapi.json'), text);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A command's output whatever its exit code: a linter that finds problems exits 1. */
async function output(command: string, args: string[]) {
  try {
    return (await run(command, args, { cwd: folder, env, maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    if (!stdout) throw new Error(`${command} ${args.join(' ')} failed: ${stderr}`);
    return stdout;
  }
}

describe('the served /openapi.json', () => {
  it('passes redocly lint with the recommended rules: no error, no warning', async () => {
    const report = JSON.parse(await output(bin('redocly'), ['lint', 'openapi.json', '--config', 'redocly.yaml', '--format', 'json'])) as {
      totals: { errors: number; warnings: number; ignored: number };
      problems: Array<{ ruleId: string; message: string; location: Array<{ pointer: string }> }>;
    };
    const problems = report.problems.map((problem) => `${problem.ruleId} at ${problem.location[0]?.pointer}: ${problem.message}`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    // Only the three findings .redocly.lint-ignore.yaml explains.
    expect(report.totals.ignored).toBe(3);
  }, 60_000);

  it('passes spectral lint with spectral:oas: no error, no warning', async () => {
    const results = JSON.parse(
      await output(bin('spectral'), ['lint', 'openapi.json', '--ruleset', '.spectral.yaml', '--format', 'json', '--quiet']),
    ) as Array<{
      code: string;
      message: string;
      path: string[];
      severity: number;
    }>;
    expect(results.map((result) => `${result.code} at ${result.path.join('.')}: ${result.message}`)).toEqual([]);
  }, 60_000);

  it('makes TypeScript (openapi-typescript) that types every answer with a body', async () => {
    await output(bin('openapi-typescript'), ['openapi.json', '--output', 'api.d.ts']);
    const answers = Object.values(document.paths).flatMap((item) =>
      Object.values(item).flatMap((operation) =>
        Object.entries(operation.responses)
          .filter(([status]) => status.startsWith('2'))
          .map(([status, answer]) => ({ id: operation.operationId, status, mediaTypes: Object.keys(answer.content ?? {}) })),
      ),
    );
    // The answers without a body: 202 for a recorded impression or decline, 204 for a deletion or an action with nothing to say.
    for (const { id, status } of answers.filter(({ mediaTypes }) => mediaTypes.length === 0)) expect(['202', '204'], id).toContain(status);
    const typed = answers.flatMap(({ id, status, mediaTypes }) =>
      mediaTypes.map((type) => `Typed<operations['${id}']['responses'][${status}]['content']['${type}']>`),
    );
    writeFileSync(
      join(folder, 'check.ts'),
      `import type { operations } from './api.d.ts';
// true only for a type that says something: neither never nor unknown (nor any).
type Typed<T> = [T] extends [never] ? false : unknown extends T ? false : true;
type All<T extends readonly true[]> = T;
export type Checked = All<[\n  ${typed.join(',\n  ')},\n]>;
`,
    );
    const tsc = await output(process.execPath, [
      join(api, 'node_modules/typescript/bin/tsc'),
      '--noEmit',
      '--strict',
      '--skipLibCheck',
      '--allowImportingTsExtensions',
      '--module',
      'nodenext',
      'check.ts',
    ]).catch((error) => String(error));
    expect(tsc, readFileSync(join(folder, 'check.ts'), 'utf8').slice(0, 400)).toBe('');
    expect(typed.length).toBeGreaterThanOrEqual(30);
  }, 120_000);
});
