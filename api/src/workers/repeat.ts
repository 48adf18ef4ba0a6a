import type { Logger } from '../observability/logger.ts';
import { outageLog } from './outage-log.ts';

export interface Repeating {
  everyMs: number;
  /** What the work does, as the log lines say it: "folding score tallies". */
  doing: string;
  logger: Logger;
  now: () => Date;
}

/**
 * Runs `work` every `everyMs` while the API runs, one run at a time (a slow run delays the next
 * instead of overlapping it). A failure, such as the database being down, is logged once per
 * outage and the work tried again next time. Answers a stop function that waits for the run in
 * progress.
 */
export function repeatEvery({ everyMs, doing, logger, now }: Repeating, work: () => Promise<unknown>): () => Promise<void> {
  const outages = outageLog(logger, doing, now);
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    running = work()
      .then(outages.succeeded, outages.failed)
      .finally(() => {
        busy = false;
      });
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
