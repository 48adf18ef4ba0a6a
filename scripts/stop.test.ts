import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port.ts';
import { descendantsOf, isAlive, operatorEnv, repoRoot, start } from './test/child-process.ts';

const dataDirs: string[] = [];
afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(socket.destroy() && true));
    socket.once('error', () => resolve(false));
  });
}

/** A vendor call whose body arrives in two parts: in flight until `finish` is called. */
function slowSurveyCreation(port: number, secretKey: string) {
  const body = JSON.stringify({ type: 'csat', name: 'Asked while stopping', productName: 'Stopper' });
  const half = Math.floor(body.length / 2);
  let answer: Promise<{ status: number; text: string }> = Promise.resolve({ status: 0, text: '' });
  const call = request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/v1/surveys',
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
  });
  answer = new Promise((resolve, reject) => {
    call.once('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.once('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    call.once('error', reject);
  });
  call.write(body.slice(0, half));
  return {
    finish: () => {
      call.end(body.slice(half));
      return answer;
    },
  };
}

const cases = [
  { script: 'start:api', signal: 'SIGTERM' },
  { script: 'start', signal: 'SIGINT' },
] as const;

describe('stopping the API through pnpm, as a container runtime does', () => {
  it.each(cases)(
    'pnpm $script on $signal: /readyz fails at once, the call in flight finishes, then nothing is left serving',
    async ({ script, signal }) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'tenpoint-stop-'));
      dataDirs.push(dataDir);
      const env = { TENPOINT_DATA_DIR: dataDir, PORT: String(await freePort()), DEMO_PORT: String(await freePort()) };
      const site = JSON.parse(
        execFileSync(
          'pnpm',
          ['--silent', 'tenpoint', 'sites', 'create', '--name', 'Stopper', '--origin', 'https://app.example.test', '--json'],
          {
            cwd: repoRoot,
            env: { ...operatorEnv(), ...env },
            encoding: 'utf8',
          },
        ),
      ) as { secretKey: string };
      const port = Number(env.PORT);
      const api = `http://127.0.0.1:${port}`;

      const pnpm = start('pnpm', [script], env);
      await pnpm.waitFor(script === 'start' ? /Tenpoint is running/ : /Tenpoint API on/, 180_000);
      expect((await fetch(`${api}/readyz`)).status).toBe(200);
      const processes = descendantsOf(pnpm.child.pid!);
      expect(processes.length).toBeGreaterThan(0);

      try {
        await stopsCleanly(pnpm, signal, port, site.secretKey, processes);
      } finally {
        for (const pid of [pnpm.child.pid!, ...processes].filter(isAlive)) process.kill(pid, 'SIGKILL');
      }
    },
  );
});

async function stopsCleanly(pnpm: ReturnType<typeof start>, signal: NodeJS.Signals, port: number, secretKey: string, processes: number[]) {
  const api = `http://127.0.0.1:${port}`;
  const inFlight = slowSurveyCreation(port, secretKey);
  await fetch(`${api}/healthz`); // by now the server has the slow call's headers
  pnpm.child.kill(signal);

  // The first answer after the signal that is not 200: 503, while the call is still open.
  // (Bounded only so that a server that never stops fails the test instead of hanging it.)
  let readiness = 200;
  for (let tries = 0; readiness === 200 && tries < 200; tries++) {
    // The stopping server closes idle kept-alive connections: one the client had just picked again is
    // reset, which says nothing of readiness; ask again (a dead server refuses every try, and fails below).
    readiness = await fetch(`${api}/readyz`).then(
      (answer) => answer.status,
      () => 200,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(readiness).toBe(503);

  const finished = await inFlight.finish();
  expect(finished.status, finished.text).toBe(201);
  await pnpm.exited;
  expect(await portIsOpen(port)).toBe(false);
  expect(processes.filter(isAlive), pnpm.output()).toEqual([]);
}
