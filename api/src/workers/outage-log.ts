import { errorFields, type Logger } from '../observability/logger.ts';

export interface OutageLog {
  failed(error: unknown): void;
  succeeded(): void;
}

/**
 * Says when a worker's work starts failing (an error, once per outage, not once per try) and when
 * it works again (info, with how long it failed), so that every outage shows in the log, not only
 * the first of the process's life. Callers are answered about outages elsewhere.
 */
export function outageLog(logger: Logger, doing: string, now: () => Date): OutageLog {
  let failingSince: Date | null = null;
  let failedTries = 0;
  return {
    failed(error) {
      failedTries++;
      if (failingSince) return;
      failingSince = now();
      logger.error({ worker: doing, error: errorFields(error) }, `${doing} failed, will retry`);
    },
    succeeded() {
      if (!failingSince) return;
      const seconds = Math.max(0, Math.round((now().getTime() - failingSince.getTime()) / 1000));
      logger.info({ worker: doing, failedTries }, `${doing} works again after ${seconds} s`);
      failingSince = null;
      failedTries = 0;
    },
  };
}
