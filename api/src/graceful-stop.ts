import type { Server } from 'node:http';

export interface GracefulStop {
  /** True from the first stop signal: /readyz fails so that load balancers send no more. */
  readonly stopping: boolean;
  /** Lets the requests in flight finish (cut after `timeoutMs`), then closes the port. */
  drain(timeoutMs: number): Promise<void>;
}

/** Counts the requests in flight on `server`, so that stopping waits for them and no longer. */
export function gracefulStop(server: Server): GracefulStop {
  let stopping = false;
  let inFlight = 0;
  let whenIdle: (() => void) | undefined;
  server.on('request', (_request, response) => {
    inFlight++;
    // A client on a kept-alive connection should open its next one elsewhere.
    if (stopping) response.shouldKeepAlive = false;
    response.once('close', () => {
      inFlight--;
      if (inFlight === 0) whenIdle?.();
    });
  });
  return {
    get stopping() {
      return stopping;
    },
    drain(timeoutMs) {
      stopping = true;
      return new Promise((resolve) => {
        let closing = false;
        const close = () => {
          if (closing) return;
          closing = true;
          clearTimeout(deadline);
          server.close(() => resolve());
          server.closeIdleConnections();
        };
        const deadline = setTimeout(() => {
          server.closeAllConnections();
          close();
        }, timeoutMs);
        deadline.unref();
        if (inFlight === 0) close();
        else whenIdle = close;
      });
    },
  };
}
