import { startAlertWorker } from '../alerts/alert-worker.ts';
import { analyzeChangedTables } from '../db/table-statistics.ts';
import type { WorkerDeps } from '../deps.ts';
import { digestTurn } from '../digest/send-digests.ts';
import { createLogger } from '../observability/logger.ts';
import { foldingTurn } from '../scores/tally-folder.ts';
import { startDeliveryWorker } from '../webhooks/delivery-worker.ts';
import { repeatEvery } from './repeat.ts';

export interface Workers {
  start(): void;
  /** Waits for the runs and sends in progress. */
  stop(): Promise<void>;
}

/**
 * What the API does besides answering requests: folding score tallies, keeping the busy tables'
 * statistics fresh, sending webhooks, alerts and weekly digests. Several API processes may each run them; each worker says
 * how they share the work. `start-api.ts` starts them once it serves and stops them after draining.
 */
export function createWorkers(deps: WorkerDeps): Workers {
  const logger = deps.logger ?? createLogger('silent');
  const foldEveryMs = deps.foldEveryMs ?? 1000;
  let stops: Array<() => Promise<void>> = [];
  return {
    start() {
      if (stops.length > 0) return;
      const webhooks = startDeliveryWorker(
        { db: deps.db, now: deps.now, logger },
        { allowPrivateAddresses: deps.allowPrivateWebhooks ?? false, dashboardUrl: deps.dashboardUrl, ...deps.webhookDelivery },
      );
      const alerts = deps.mailer
        ? startAlertWorker(
            { db: deps.db, now: deps.now, logger, mailer: deps.mailer },
            { allowPrivateAddresses: deps.allowPrivateWebhooks ?? false, publicUrl: deps.publicUrl ?? 'http://127.0.0.1:8787' },
          )
        : undefined;
      stops = [
        repeatEvery({ everyMs: foldEveryMs, doing: 'folding score tallies', logger, now: deps.now }, foldingTurn(deps.db, foldEveryMs)),
        repeatEvery({ everyMs: deps.statisticsEveryMs ?? 2000, doing: 'gathering table statistics', logger, now: deps.now }, () =>
          analyzeChangedTables(deps.db),
        ),
        () => webhooks.stop(),
        async () => alerts?.stop(),
      ];
      if (deps.digest) {
        const { mailer, publicUrl, everyMs } = deps.digest;
        const turn = digestTurn({ db: deps.db, mailer, publicUrl, now: deps.now, logger });
        stops.push(repeatEvery({ everyMs: everyMs ?? 60_000, doing: 'sending weekly digests', logger, now: deps.now }, turn));
      }
    },
    async stop() {
      const running = stops;
      stops = [];
      await Promise.all(running.map((stop) => stop()));
    },
  };
}
