import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

export type Outage = 'refuse' | 'blackhole';

/**
 * A TCP proxy on 127.0.0.1 in front of the database, to take it away and give it back:
 * `refuse` stops listening (connections are refused), `blackhole` accepts and never answers.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let outage: Outage | null = null;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server: Server = createServer((client) => {
    track(client);
    if (outage) return;
    const upstream = connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    async down(kind: Outage) {
      outage = kind;
      for (const socket of sockets) socket.destroy();
      if (kind === 'refuse') await new Promise((resolve) => server.close(resolve));
    },
    async up() {
      if (outage === 'refuse') await listen(port);
      outage = null;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      if (server.listening) await new Promise((resolve) => server.close(resolve));
    },
  };
}
