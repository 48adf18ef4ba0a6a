import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';

/**
 * `refuse`: nothing listens, connections are refused. `blackhole`: open connections are closed, new
 * ones accepted and never answered. `silence`: every connection, open or new, stays open and carries
 * nothing either way, as when a firewall or a NAT drops the packets; after `up()` new connections
 * work while the silenced ones stay silent, as after a failover or a NAT that forgot them.
 */
export type Outage = 'refuse' | 'blackhole' | 'silence';

/** A TCP proxy on 127.0.0.1 in front of the database, to take it away and give it back. */
export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  const links = new Set<{ silent: boolean }>();
  let outage: Outage | null = null;
  let cutOnFirstStatement = false;
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
    const link = { silent: false };
    links.add(link);
    // Bytes of a silenced link are dropped, not held back: they never arrive, as on the network.
    let started = false;
    client.on('data', (chunk) => {
      // After the startup message, a simple Query ('Q') or Parse ('P') is the first statement.
      if (cutOnFirstStatement && started && (chunk[0] === 0x51 || chunk[0] === 0x50)) return client.destroy();
      started = true;
      if (!link.silent) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => link.silent || client.write(chunk));
    client.on('close', () => {
      upstream.destroy();
      links.delete(link);
    });
    upstream.on('close', () => client.destroy());
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  const silenceOpen = () => {
    for (const link of links) link.silent = true;
  };
  return {
    port,
    async down(kind: Outage) {
      outage = kind;
      if (kind === 'silence') return silenceOpen();
      for (const socket of sockets) socket.destroy();
      if (kind === 'refuse') await new Promise((resolve) => server.close(resolve));
    },
    async up() {
      if (outage === 'refuse') await listen(port);
      outage = null;
    },
    /** New connections start up, then are cut as their first statement is sent. */
    cutNewConnectionsAtFirstStatement(on: boolean) {
      cutOnFirstStatement = on;
    },
    /** The connections open now go silent for good, while new ones work. */
    silenceOpen,
    async close() {
      for (const socket of sockets) socket.destroy();
      if (server.listening) await new Promise((resolve) => server.close(resolve));
    },
  };
}
