import type { Logger } from '../observability/logger.ts';

export interface Repeating {
  everyMs: number;
  /** What the work does, as the log lines say it: "folding score tallies". */
  doing: string;
  logger: Logger;
}

/**
 * Runs `work` every `everyMs` while the API runs, one run at a time (a slow run delays the next
 * instead of overlapping it). A failure, such as the database being down, is said once and the
 * work tried again next time: outages are answered to callers elsewhere. Answers a stop function
 * that waits for the run in progress.
 */
export function repeatEvery({ everyMs, doing, logger }: Repeating, work: () => Promise<unknown>): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  let warned = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    running = work()
      .catch((error: unknown) => {
        if (!warned) logger.error(`${doing} failed, will retry: ${(error as Error).message}`);
        warned = true;
      })
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
