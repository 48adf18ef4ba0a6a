import type { Outcome } from './load.ts';
import { type LatencySummary, summarize } from './stats.ts';

export interface TallyResult {
  /** 2xx answers that arrived inside the window, per second. */
  perSecond: number;
  /** Of the 2xx requests inside the window. */
  latency: LatencySummary;
  failedInWindow: number;
  /** Every answer of the whole run (warm-up and drain too) by status; 0 is no answer. */
  statuses: Map<number, number>;
  /** Distinct failures with how often each came. */
  errors: Map<string, number>;
}

/**
 * Counts outcomes inside a measuring window. Throughput counts answers that arrived in it; latency
 * takes requests by `started` (the open loop, so a slow tail at the end is not cut off) or `ended`.
 */
export function createTally(window: { from: number; to: number }, latencyBy: 'started' | 'ended') {
  const statuses = new Map<number, number>();
  const errors = new Map<string, number>();
  const latencies: number[] = [];
  let answered = 0;
  let failed = 0;
  const inWindow = (at: number) => at >= window.from && at < window.to;
  return {
    add(outcome: Outcome) {
      statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
      const ok = outcome.status >= 200 && outcome.status < 300;
      if (!ok) {
        // Request ids differ on every error; without them the same failure counts as one.
        const key = (outcome.error ?? String(outcome.status)).replace(/"requestId":"[^"]*"/g, '"requestId":"…"');
        errors.set(key, (errors.get(key) ?? 0) + 1);
      }
      if (inWindow(outcome.ended)) {
        if (ok) answered += 1;
        else failed += 1;
      }
      if (ok && inWindow(outcome[latencyBy])) latencies.push(outcome.ended - outcome.started);
    },
    count(status: number) {
      return statuses.get(status) ?? 0;
    },
    result(): TallyResult {
      return {
        perSecond: answered / ((window.to - window.from) / 1000),
        latency: summarize(latencies),
        failedInWindow: failed,
        statuses,
        errors,
      };
    },
  };
}

export type Tally = ReturnType<typeof createTally>;
