// The phases of `pnpm bench ingest` (see ingest.ts): its options, the loads it puts on each server,
// and the crash check.
import { isAbsolute, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { type Child, repoRoot, runToCompletion } from './child-process.ts';
import { type Clocks, type CpuShares, startCpuMeter } from './cpu-time.ts';
import { type Outcome, runOpenLoop, startClosedLoop, type Target } from './load.ts';
import { createTally, type Tally } from './tally.ts';

export const origin = 'http://bench.local';

export function cpuLine(shares: CpuShares): string {
  const known = Object.values(shares).filter((value): value is number => value !== null);
  const parts = Object.entries(shares).map(([name, value]) => `${name} ${value === null ? 'unknown' : Math.round(value)}`);
  return `${parts.join(' + ')} = ${known.length ? Math.round(known.reduce((a, b) => a + b, 0)) : 'unknown'}`;
}
export const crashLoadMs = 2_000;
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function options(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      clients: { type: 'string', default: '64' },
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      rounds: { type: 'string', default: '3' },
      rate: { type: 'string', default: '1000' },
      users: { type: 'string', default: '10000' },
      fold: { type: 'string', default: '100000' },
      api: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const positive = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name}: must be a positive number`);
    return value;
  };
  return {
    help: values.help === true,
    clients: Math.round(positive('clients')),
    measureMs: positive('seconds') * 1000,
    warmupMs: positive('warmup') * 1000,
    rounds: Math.round(positive('rounds')),
    rate: positive('rate'),
    users: Math.round(positive('users')),
    fold: Math.round(positive('fold')),
    apiRoot: values.api === undefined ? repoRoot : isAbsolute(values.api) ? values.api : resolve(values.api),
  };
}

export async function closedLoopPhase(
  target: Target,
  clients: number,
  warmupMs: number,
  measureMs: number,
  body: () => string,
  clocks: Parameters<typeof startCpuMeter>[0],
) {
  const from = performance.now() + warmupMs;
  const tally = createTally({ from, to: from + measureMs }, 'ended');
  const loop = startClosedLoop({ target, clients, body, onOutcome: tally.add });
  await sleep(warmupMs);
  const meter = startCpuMeter(clocks);
  await sleep(measureMs);
  const cpuPerRequest = meter.stop();
  await loop.stop();
  const result = tally.result();
  return { tally, result, cpu: cpuPerRequest((result.perSecond * measureMs) / 1000) };
}

/**
 * `rate` requests per second whatever the answers do; latency from when each was due. With clocks,
 * also the CPU each used per request answered while measured.
 */
export async function openLoopPhase(
  target: Target,
  o: { rate: number; warmupMs: number; measureMs: number },
  body: () => string,
  more: { clocks?: Clocks; onOutcome?: (outcome: Outcome, body: string) => void } = {},
) {
  const from = performance.now() + o.warmupMs;
  const tally = createTally({ from, to: from + o.measureMs }, 'started');
  const { clocks, onOutcome } = more;
  let meter: ReturnType<typeof startCpuMeter> | undefined;
  let cpuPerRequest: ((requests: number) => CpuShares) | undefined;
  const timers = clocks
    ? [
        setTimeout(() => (meter = startCpuMeter(clocks)), o.warmupMs),
        setTimeout(() => (cpuPerRequest = meter?.stop()), o.warmupMs + o.measureMs),
      ]
    : [];
  const { maxSendLagMs } = await runOpenLoop({
    target,
    rate: o.rate,
    durationMs: o.warmupMs + o.measureMs,
    body,
    onOutcome: (outcome, sent) => {
      tally.add(outcome);
      onOutcome?.(outcome, sent);
    },
  });
  for (const timer of timers) clearTimeout(timer);
  // On a busy machine the last calls may all be answered before the stop timer fires.
  cpuPerRequest ??= meter?.stop();
  const result = tally.result();
  const cpu = cpuPerRequest?.((result.perSecond * o.measureMs) / 1000) ?? null;
  return { tally, result, maxSendLagMs, cpu };
}

/** Through the measured checkout's own CLI, so that the site fits that checkout's schema. */
export async function createBenchSite(
  apiRoot: string,
  databaseUrl: string,
): Promise<{ siteId: string; siteKey: string; surveyId: string }> {
  const name = `Bench ${new Date().toISOString()}`;
  const printed = await runToCompletion({
    script: 'api/src/cli/tenpoint.ts',
    args: ['sites', 'create', '--name', name, '--origin', origin, '--json'],
    env: { DATABASE_URL: databaseUrl },
    cwd: apiRoot,
  });
  return JSON.parse(printed) as { siteId: string; siteKey: string; surveyId: string };
}

/** Puts load on the API until told to stop, kills it mid-request, and counts what was stored. */
export async function crashCheck(api: Child, target: Target, clients: number, body: () => string) {
  const tally: Tally = createTally({ from: 0, to: 0 }, 'ended');
  const loop = startClosedLoop({ target, clients, body, onOutcome: tally.add });
  await sleep(crashLoadMs);
  const stopped = loop.stop();
  const inFlight = loop.inFlight();
  await api.kill('SIGKILL');
  await stopped;
  return { tally, inFlight };
}
