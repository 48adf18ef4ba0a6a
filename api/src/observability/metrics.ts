import { sql } from 'drizzle-orm';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { z } from 'zod';
import type { Database, DatabaseHandle } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';
import { tallyChanges, webhookDeliveries } from '../db/schema/index.ts';
import { sqlNames } from '../db/sql-names.ts';
import type { AnswerSource } from '../eligibility/check-eligibility.ts';

const backlogRow = z.object({ tally_pending: z.number(), tally_lag: z.number(), outbox_pending: z.number(), outbox_age: z.number() });
type Backlog = z.infer<typeof backlogRow>;
const changes = sqlNames(tallyChanges);
const outbox = sqlNames(webhookDeliveries);

export interface Metrics {
  registry: Registry;
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  countEligibility(source: AnswerSource): void;
}

/**
 * Prometheus metrics of one API process: requests by route and status with their latency, the
 * database connections in use, the tally fold's backlog and the webhook outbox, read when scraped.
 */
export function createMetrics(db: Database, connections: DatabaseHandle['connections']): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'tenpoint_http_requests_total',
    help: 'HTTP requests answered, by route pattern and status',
    labelNames,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'tenpoint_http_request_duration_seconds',
    help: 'Time to answer (to the first byte of a streamed body), by route pattern and status',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const eligibility = new Counter({
    name: 'tenpoint_eligibility_answers_total',
    help: 'Eligibility answers by where they came from: memory (no database), database, or shed (busy, at once)',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'tenpoint_db_connections_busy',
    help: 'Database connections running a statement or transaction now',
    registers: [registry],
    collect() {
      this.set(connections().busy);
    },
  });
  new Gauge({
    name: 'tenpoint_db_connections_max',
    help: 'Database connections this process may open (1 for the embedded database)',
    registers: [registry],
    collect() {
      this.set(connections().max);
    },
  });

  // The four backlog figures come from one query, run once per scrape.
  let backlog: Promise<Partial<Backlog>> | undefined;
  const readBacklog = () => {
    backlog ??= queryRows(
      db,
      sql`select
          (select count(*) from ${changes.$table})::float8 as tally_pending,
          coalesce((select extract(epoch from now() - min(${changes.at})) from ${changes.$table}), 0)::float8 as tally_lag,
          (select count(*) from ${outbox.$table} where ${outbox.status} = 'pending')::float8 as outbox_pending,
          coalesce((select extract(epoch from now() - min(${outbox.createdAt})) from ${outbox.$table}
            where ${outbox.status} = 'pending'), 0)::float8 as outbox_age`,
      backlogRow,
    )
      .then((rows) => rows[0] ?? {})
      .finally(() => setImmediate(() => (backlog = undefined)));
    return backlog;
  };
  const fromBacklog = (name: string, help: string, column: keyof Backlog) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(Math.max(0, Number((await readBacklog())[column] ?? 0)));
      },
    });
  fromBacklog('tenpoint_tally_changes_pending', 'Logged answer changes not yet folded into the score tallies', 'tally_pending');
  fromBacklog(
    'tenpoint_tally_fold_lag_seconds',
    'At most how long the oldest unfolded change has waited (from its answer time); 0 when none wait',
    'tally_lag',
  );
  fromBacklog('tenpoint_webhook_deliveries_pending', 'Webhook deliveries waiting to be sent or retried', 'outbox_pending');
  fromBacklog('tenpoint_webhook_oldest_pending_age_seconds', 'Age of the oldest webhook delivery still pending; 0 when none', 'outbox_age');

  return {
    registry,
    observeRequest(method, route, status, seconds) {
      const labels = { method, route, status: String(status) };
      requests.inc(labels);
      latency.observe(labels, seconds);
    },
    countEligibility: (source) => eligibility.inc({ source }),
  };
}
