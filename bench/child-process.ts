import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The checkout the bench lives in; `--api` may point the API at another one. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const tsxLoader = import.meta.resolve('tsx');
const exitWithParent = import.meta.resolve('./exit-with-parent.ts');
const running = new Set<ChildProcess>();

export interface Child {
  name: string;
  url: string;
  /** stderr lines, and stdout lines that look like errors, as they came. */
  complaints: string[];
  pid: number | undefined;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** A port that was free a moment ago, on 127.0.0.1 only. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Runs a TypeScript file of this repository in its own Node process (one process, not tsx's
 * wrapper, so that a signal reaches the server itself) and waits until GET /healthz answers 200.
 */
export async function startChild(options: {
  name: string;
  script: string;
  env: Record<string, string>;
  port: number;
  cwd?: string;
}): Promise<Child> {
  const child = spawn(process.execPath, ['--import', tsxLoader, '--import', exitWithParent, options.script], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, ...options.env, PORT: String(options.port), HOST: '127.0.0.1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => running.delete(child));
  const output: string[] = [];
  const complaints: string[] = [];
  const collect = (stream: NodeJS.ReadableStream, isStderr: boolean) => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (output.length < 200) output.push(line);
        if ((isStderr || /error/i.test(line)) && complaints.length < 10_000) complaints.push(line);
      }
    });
  };
  collect(child.stdout!, false);
  collect(child.stderr!, true);

  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${options.name} exited before it was ready:\n${output.join('\n')}`);
    }
    const healthy = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.name} was not ready after 30 s:\n${output.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    name: options.name,
    url,
    complaints,
    pid: child.pid,
    kill: async (signal) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs a TypeScript command to completion and returns its stdout; throws with its stderr. */
export function runToCompletion(options: { script: string; args: string[]; env: Record<string, string>; cwd: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsxLoader, options.script, ...options.args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      running.delete(child);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${options.script} ${options.args.join(' ')} failed (${code}):\n${stderr || stdout}`));
    });
  });
}

/** Kills every child still running; safe to call from an exit handler. */
export function killAllChildren() {
  for (const child of running) child.kill('SIGKILL');
}
