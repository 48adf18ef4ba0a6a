// Makes the example apps as an integrator would: builds @tenpoint/widget, packs it as npm would publish
// it, installs the tarball into each app with that app's own lockfile, then type-checks (strict) and
// builds each app with its framework's own tools. Any failure stops with the step's output.
// `pnpm exec tsx examples/prepare.ts`, with TENPOINT_API_URL and TENPOINT_SITE_KEY for the Vite builds.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const examplesDir = dirname(fileURLToPath(import.meta.url));
const repoDir = join(examplesDir, '..');
const tarballDir = join(examplesDir, '.tarball');

export const exampleApps = ['react-vite', 'vue-vite', 'nextjs'] as const;
export type ExampleApp = (typeof exampleApps)[number];

/** Where the Tenpoint the apps talk to is; Vite apps take it at build time, Next.js when it starts. */
export interface TenpointTarget {
  apiUrl: string;
  siteKey: string;
}

/** Runs a command to its end, keeping its output to show only when it fails. */
function run(command: string, args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} (in ${options.cwd}) exited with ${code}:\n${output}`));
    });
  });
}

/** Runs one step and prints how long it took, so that slow steps show in CI's log. */
async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  console.log(`examples: ${name} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** Builds and packs @tenpoint/widget afresh; the tarball's path. */
export async function packWidget(): Promise<string> {
  rmSync(tarballDir, { recursive: true, force: true });
  mkdirSync(tarballDir, { recursive: true });
  await run('pnpm', ['--filter', '@tenpoint/widget', 'build'], { cwd: repoDir });
  await run('pnpm', ['--filter', '@tenpoint/widget', 'pack', '--pack-destination', tarballDir], { cwd: repoDir });
  const [tarball] = readdirSync(tarballDir).filter((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack left no tarball in ${tarballDir}`);
  return join(tarballDir, tarball);
}

/**
 * Installs the app's locked dependencies and the tarball in one go. `--no-save` keeps the tarball
 * out of package.json and the lockfile: its integrity changes with every pack. Packages already in
 * node_modules stay, so a second run only swaps the tarball.
 */
function install(app: ExampleApp, tarball: string) {
  return run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: join(examplesDir, app) });
}

/** Type-checks the app with its own compiler (strict), then builds it. */
async function typecheckAndBuild(app: ExampleApp, target: TenpointTarget) {
  const cwd = join(examplesDir, app);
  await step(`${app}: type-check`, () => run('npm', ['run', 'typecheck'], { cwd }));
  const env = { VITE_TENPOINT_API_URL: target.apiUrl, VITE_TENPOINT_SITE_KEY: target.siteKey };
  await step(`${app}: build`, () => run('npm', ['run', 'build'], { cwd, env }));
}

export async function prepareExamples(target: TenpointTarget): Promise<void> {
  await step('all three prepared', async () => {
    const tarball = await step('@tenpoint/widget built and packed', packWidget);
    await step('dependencies and the tarball installed', () => Promise.all(exampleApps.map((app) => install(app, tarball))));
    // One at a time: each build keeps both cores busy on its own.
    for (const app of exampleApps) await typecheckAndBuild(app, target);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { TENPOINT_API_URL: apiUrl = 'http://127.0.0.1:8787', TENPOINT_SITE_KEY: siteKey = '' } = process.env;
  await prepareExamples({ apiUrl, siteKey });
}
