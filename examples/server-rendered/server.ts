// A server-rendered app (as Rails, Django or Express render theirs): the user is known on the
// server, so the layout fills in `identify` and signs `userId` with the site's identity secret.
import { createServer, type Server } from 'node:http';
import { type Config, layout, type SignedInUser } from './layout.ts';

/** A stand-in for your session: `?user=u_123` is signed in, so that a test can pick its user. */
function userOf(url: URL): SignedInUser | null {
  const id = url.searchParams.get('user');
  return id ? { id, email: `${id}@example.com`, signedUpAt: '2025-01-31T10:00:00Z', plan: 'pro' } : null;
}

export function startServer(config: Config, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const html = layout(config, userOf(url), '<main><h1>Invoices</h1></main>');
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
