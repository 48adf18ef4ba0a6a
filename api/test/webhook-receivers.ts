import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Arrival {
  at: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How a receiver answers each request it gets (`index` counts from 0). */
export type Answer = (response: ServerResponse, index: number) => void;

/** Answers with these statuses in turn, then 200. */
export const answeringWith =
  (statuses: number[]): Answer =>
  (response) => {
    response.statusCode = statuses.shift() ?? 200;
    response.end('ok');
  };

/** Real HTTP receivers on 127.0.0.1 for webhook tests, and a way to close them all after each test. */
export function webhookReceivers() {
  const servers: Server[] = [];

  async function receiver(answer: Answer = answeringWith([])) {
    const arrivals: Arrival[] = [];
    let connections = 0;
    const server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        arrivals.push({ at: Date.now(), headers: request.headers, body });
        answer(response, arrivals.length - 1);
      });
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, arrivals, connections: () => connections };
  }

  /**
   * Closes every receiver made so far, and their connections at once (before the first await), so
   * that a send in flight fails now instead of holding its worker until its deadline.
   */
  async function closeAll(): Promise<void> {
    const open = servers.splice(0);
    const closed = open.map((server) => new Promise((resolve) => server.close(resolve)));
    for (const server of open) server.closeAllConnections();
    await Promise.all(closed);
  }

  return { receiver, closeAll };
}
