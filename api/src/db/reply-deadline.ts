import { connect, type Socket } from 'node:net';

const sslRequestCode = 80_877_103;
const cancelRequestCode = 80_877_102;
const [sync, simpleQuery, flush, readyForQuery, sslAccepted] = ['S', 'Q', 'H', 'Z', 'S'].map((letter) => letter.charCodeAt(0));

/** The options postgres.js hands its `socket` function: where the server is. */
interface ServerAddress {
  host: string[];
  port: number[];
  path?: string | false;
}

/**
 * A postgres.js `socket` option. A connection that owes replies and receives nothing for `ms` is
 * destroyed, as when a NAT forgot it or the server failed over behind a firewall: its statements
 * fail at once and the pool opens a new connection, instead of waiting the minutes that the kernel
 * keeps a socket nobody answers on.
 */
export function socketsWithReplyDeadline(ms: number) {
  let opened = 0;
  return (server: ServerAddress): Socket => {
    const at = opened++ % server.host.length;
    const socket = server.path ? connect(server.path) : connect(server.port[at]!, server.host[at]!);
    // postgres.js names the server after `host` when it asks for TLS.
    Object.assign(socket, { host: server.host[at] });
    watchReplies(socket, ms);
    return socket;
  };
}

/**
 * Counts what the server owes from the protocol's messages: a ReadyForQuery for the startup and for
 * each Sync or simple Query, something for a Flush. Silence is measured from the last byte received
 * while anything is owed, so a long stream of rows is progress. Over TLS, see `watchByteCounts`.
 */
function watchReplies(socket: Socket, ms: number) {
  let owed = 0;
  let flushed = false;
  let sslAsked = false;
  let encrypted = false;
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  // Destroyed without an error: postgres.js then fails every statement of the connection on
  // 'close'. After an 'error' it keeps routing statements to the connection until 'close', and
  // carries those into the next connection, where they wait forever for replies never asked for.
  const expire = () => socket.destroy();
  const settle = (progress: boolean) => {
    if (encrypted || (owed === 0 && !flushed)) stop();
    else if (progress || !timer) {
      stop();
      timer = setTimeout(expire, ms).unref();
    }
  };

  const outgoing = messageReader(false, (type, code) => {
    if (type === sync || type === simpleQuery) owed++;
    else if (type === flush) flushed = true;
    else if (code === sslRequestCode) sslAsked = true;
    else if (code !== undefined && code !== cancelRequestCode) owed++;
  });
  const incoming = messageReader(true, (type) => {
    if (type === readyForQuery) owed = Math.max(0, owed - 1);
  });
  const write = socket.write;
  socket.write = function (this: Socket, chunk: unknown, ...rest: unknown[]) {
    if (!encrypted && Buffer.isBuffer(chunk)) outgoing(chunk);
    settle(false);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as Socket['write'];
  socket.on('data', (chunk: Buffer) => {
    flushed = false;
    if (sslAsked) {
      sslAsked = false;
      encrypted = chunk[0] === sslAccepted;
      chunk = chunk.subarray(1);
      if (encrypted) watchByteCounts(socket, ms);
    }
    if (!encrypted) incoming(chunk);
    settle(true);
  });
  socket.on('close', stop);
}

/**
 * Over TLS the messages cannot be read and TLS writes bypass the socket's `write`, but its byte
 * counts still move: a connection that sent bytes and then received none for `ms` is destroyed.
 * Sent and received within one look counts as answered, so a silence can be noticed one statement late.
 */
function watchByteCounts(socket: Socket, ms: number) {
  let read = socket.bytesRead;
  let written = socket.bytesWritten;
  let waitingSince: number | null = null;
  const look = setInterval(
    () => {
      if (socket.destroyed) return clearInterval(look);
      if (socket.bytesRead !== read) waitingSince = null;
      else if (socket.bytesWritten !== written) waitingSince ??= performance.now();
      read = socket.bytesRead;
      written = socket.bytesWritten;
      if (waitingSince !== null && performance.now() - waitingSince >= ms) socket.destroy();
    },
    Math.min(500, ms / 4),
  ).unref();
}

/**
 * Splits a stream of protocol messages, calling `seen` with each type byte; a client's first
 * messages (startup, SSL request, cancel) have no type byte and are reported by their code instead.
 */
function messageReader(typed: boolean, seen: (type: number | undefined, code?: number) => void) {
  let header = Buffer.alloc(0);
  let skip = 0;
  return (chunk: Buffer) => {
    let at = 0;
    while (at < chunk.length) {
      if (skip > 0) {
        const skipped = Math.min(skip, chunk.length - at);
        skip -= skipped;
        at += skipped;
        continue;
      }
      const headerLength = typed ? 5 : 8;
      let view: Buffer;
      if (header.length === 0 && chunk.length - at >= headerLength) {
        view = chunk.subarray(at, at + headerLength);
        at += headerLength;
      } else {
        // A header split between chunks.
        const taken = chunk.subarray(at, at + headerLength - header.length);
        header = Buffer.concat([header, taken]);
        at += taken.length;
        if (header.length < headerLength) return;
        view = header;
        header = Buffer.alloc(0);
      }
      if (typed) {
        skip = view.readInt32BE(1) - 4;
        seen(view[0]);
      } else {
        skip = view.readInt32BE(0) - 8;
        const code = view.readInt32BE(4);
        seen(undefined, code);
        if (code !== sslRequestCode && code !== cancelRequestCode) typed = true;
      }
    }
  };
}
