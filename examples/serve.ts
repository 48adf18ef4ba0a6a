// Serves the built example apps as they would be deployed: the two Vite builds as static files (any
// path without a file answers index.html, so a reload on /invoices works), the Next.js app by
// `next start`, which reads the Tenpoint address and site key when it starts.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { examplesDir, type TenpointTarget } from './prepare.ts';

export interface ExamplePorts {
  reactVite: number;
  vueVite: number;
  nextjs: number;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** A static server for a single-page app's build, with the history fallback its router needs. */
function serveStatic(root: string, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    // A pathname starts with "/", so normalize() keeps it inside root.
    let file = join(root, normalize(new URL(request.url ?? '/', 'http://localhost').pathname));
    if (!isFile(file)) file = join(root, 'index.html');
    response.writeHead(200, { 'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** `next start`, its output copied to `logFile` so that a test can read what the server logged. */
async function startNext(port: number, target: TenpointTarget, logFile: string): Promise<ChildProcess> {
  const cwd = join(examplesDir, 'nextjs');
  const next = spawn(join(cwd, 'node_modules/.bin/next'), ['start', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', TENPOINT_API_URL: target.apiUrl, TENPOINT_SITE_KEY: target.siteKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile);
  for (const stream of [next.stdout, next.stderr]) {
    stream.pipe(log);
    stream.pipe(process.stdout);
  }
  for (let tries = 0; tries < 120; tries++) {
    if (next.exitCode !== null) throw new Error(`next start exited with ${next.exitCode}; its log is in ${logFile}`);
    if (
      await fetch(`http://127.0.0.1:${port}/`).then(
        (answer) => answer.ok,
        () => false,
      )
    )
      return next;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`next start did not answer on port ${port} within a minute`);
}

/** Serves all three; the Vite apps come up last, once Next.js answers. Stops them all on SIGTERM or SIGINT. */
export async function serveExamples(ports: ExamplePorts, target: TenpointTarget, nextLogFile: string): Promise<void> {
  const next = await startNext(ports.nextjs, target, nextLogFile);
  const servers = [
    await serveStatic(join(examplesDir, 'vue-vite/dist'), ports.vueVite),
    await serveStatic(join(examplesDir, 'react-vite/dist'), ports.reactVite),
  ];
  const stop = () => {
    next.kill('SIGTERM');
    for (const server of servers) server.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  console.log(
    `examples: React http://127.0.0.1:${ports.reactVite}, Vue http://127.0.0.1:${ports.vueVite}, Next.js http://127.0.0.1:${ports.nextjs}`,
  );
}
