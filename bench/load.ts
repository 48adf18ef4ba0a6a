import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface Target {
  port: number;
  path: string;
  headers: Record<string, string>;
  /** Keep each 2xx answer's body in its outcome, for a caller that acts on what was answered. */
  keepAnswers?: boolean;
}

/** One request's fate; `status` 0 means no HTTP answer (refused, reset, timed out). */
export interface Outcome {
  status: number;
  /** When it was sent, or for the open loop when it was due to be sent. */
  started: number;
  ended: number;
  error?: string;
  /** The 2xx answer's body, when the target keeps answers. */
  answer?: string;
}

const requestTimeoutMs = 10_000;

/** POSTs one body on a keep-alive agent; never rejects. */
export function post(agent: Agent, target: Target, body: string, started = performance.now()): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (status: number, error?: string, answer?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const ended = performance.now();
      resolve({ status, started, ended, ...(error === undefined ? {} : { error }), ...(answer === undefined ? {} : { answer }) });
    };
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: target.path,
        method: 'POST',
        agent,
        headers: { ...target.headers, 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300 && target.keepAnswers) {
          let answer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (answer += chunk));
          res.on('end', () => settle(status, undefined, answer));
        } else if (status >= 200 && status < 300) {
          res.resume();
          res.on('end', () => settle(status));
        } else {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (text.length < 500) text += chunk;
          });
          res.on('end', () => settle(status, `${status} ${text.slice(0, 300)}`));
        }
        res.on('error', (error) => settle(0, `response: ${error.message}`));
      },
    );
    // From creation, not from when a socket frees up, so that a queue behind a stalled API is bounded too.
    const timer = setTimeout(() => {
      req.destroy();
      settle(0, `no answer in ${requestTimeoutMs / 1000} s`);
    }, requestTimeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => settle(0, error.code ?? error.message));
    req.end(body);
  });
}

export interface ClosedLoop {
  /** Requests sent and not yet answered. */
  inFlight(): number;
  /** Lets each client finish the request it has in flight, then resolves. */
  stop(): Promise<void>;
}

/** `clients` loops, each sending its next request as soon as the previous one is answered. */
export function startClosedLoop(options: {
  target: Target;
  clients: number;
  body: () => string;
  onOutcome: (outcome: Outcome) => void;
}): ClosedLoop {
  const agent = new Agent({ keepAlive: true, maxSockets: options.clients });
  let stopping = false;
  let inFlight = 0;
  const client = async () => {
    while (!stopping) {
      inFlight += 1;
      const outcome = await post(agent, options.target, options.body(), performance.now());
      inFlight -= 1;
      options.onOutcome(outcome);
    }
  };
  const done = Promise.all(Array.from({ length: options.clients }, client));
  return {
    inFlight: () => inFlight,
    stop: async () => {
      stopping = true;
      await done;
      agent.destroy();
    },
  };
}

/**
 * Sends at a fixed rate whatever the answers do, and times each request from when it was due, so
 * that a stall shows in the latency instead of quietly lowering the rate (coordinated omission).
 */
export async function runOpenLoop(options: {
  target: Target;
  rate: number;
  durationMs: number;
  body: () => string;
  /** With the body that was sent, for a caller that keeps state per request. */
  onOutcome: (outcome: Outcome, body: string) => void;
}): Promise<{ maxSendLagMs: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round((options.rate * options.durationMs) / 1000);
  const interval = 1000 / options.rate;
  const start = performance.now();
  const pending = new Set<Promise<void>>();
  let next = 0;
  let maxSendLagMs = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < total && start + next * interval <= now) {
        const due = start + next * interval;
        maxSendLagMs = Math.max(maxSendLagMs, now - due);
        const body = options.body();
        const sent = post(agent, options.target, body, due).then((outcome) => options.onOutcome(outcome, body));
        pending.add(sent);
        void sent.then(() => pending.delete(sent));
        next += 1;
      }
      if (next >= total) return resolve();
      setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  agent.destroy();
  return { maxSendLagMs };
}
