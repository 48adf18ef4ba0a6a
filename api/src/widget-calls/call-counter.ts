import { and, lt, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { type WidgetCallOutcome, widgetCallCounts } from '../db/schema/index.ts';
import { errorFields, type Logger } from '../observability/logger.ts';

interface Tally {
  siteId: string | null;
  hour: Date;
  outcome: WidgetCallOutcome;
  origin: string;
  count: number;
  firstAt: Date;
  lastAt: Date;
}

const hourMs = 3_600_000;
/** Longer origins are cut: a real one is far shorter, a hostile one should not fill rows. */
export const maxOriginLength = 200;
// One statement's parameters stay far below Postgres's 65,535.
const rowsPerStatement = 1000;
// Refusals are shown for a day; kept two, then pruned. Accepted calls stay: they say when the site was first installed.
const keepRefusedMs = 2 * 24 * hourMs;

export interface CallCounterOptions {
  now?: () => Date;
  /** Distinct site/outcome/origin counts kept per hour and kind (accepted, refused); new ones beyond are dropped. */
  maxKeys?: number;
  /** How often the counts are written; 5 s when left out. 0: only when `flush` is called. */
  flushEveryMs?: number;
  logger?: Logger | undefined;
}

/**
 * Counts widget calls by site, outcome, origin and hour in memory, for the install check, and
 * writes them with one upsert every few seconds: a call never waits on a write for it. Bounded
 * whatever callers send: at most `maxKeys` distinct accepted and as many refused counts an hour, so
 * random origins or keys grow neither memory nor the table beyond that. A failed write keeps its
 * counts for the next one.
 */
export function createCallCounter(db: Database, options: CallCounterOptions = {}) {
  const now = options.now ?? (() => new Date());
  const maxKeys = options.maxKeys ?? 10_000;
  const pending = new Map<string, Tally>();
  // Keys admitted this hour, by kind: what bounds the rows an hour adds to the table.
  const admitted = { accepted: new Set<string>(), refused: new Set<string>() };
  let admittedHour = 0;
  let prunedAt = 0;
  let dropped = 0;

  const keyOf = (tally: Pick<Tally, 'siteId' | 'outcome' | 'origin' | 'hour'>) =>
    `${tally.siteId ?? ''}\u0000${tally.outcome}\u0000${tally.hour.getTime()}\u0000${tally.origin}`;

  function admit(key: string, outcome: WidgetCallOutcome, hour: number): boolean {
    if (hour !== admittedHour) {
      admittedHour = hour;
      admitted.accepted.clear();
      admitted.refused.clear();
    }
    const seen = admitted[outcome === 'accepted' ? 'accepted' : 'refused'];
    if (seen.has(key)) return true;
    if (seen.size >= maxKeys) return false;
    seen.add(key);
    return true;
  }

  /** Adds a tally to those waiting, as a new count or into the one of its key; false when dropped. */
  function keep(tally: Tally): boolean {
    const key = keyOf(tally);
    const waiting = pending.get(key);
    if (waiting) {
      waiting.count += tally.count;
      if (tally.firstAt < waiting.firstAt) waiting.firstAt = tally.firstAt;
      if (tally.lastAt > waiting.lastAt) waiting.lastAt = tally.lastAt;
      return true;
    }
    if (pending.size >= 2 * maxKeys) return false;
    pending.set(key, tally);
    return true;
  }

  async function write(batch: Tally[]) {
    for (let start = 0; start < batch.length; start += rowsPerStatement) {
      const rows = batch.slice(start, start + rowsPerStatement);
      try {
        await db
          .insert(widgetCallCounts)
          .values(rows)
          .onConflictDoUpdate({
            target: [widgetCallCounts.siteId, widgetCallCounts.hour, widgetCallCounts.outcome, widgetCallCounts.origin],
            set: {
              count: sql`${widgetCallCounts.count} + excluded.count`,
              firstAt: sql`least(${widgetCallCounts.firstAt}, excluded.first_at)`,
              lastAt: sql`greatest(${widgetCallCounts.lastAt}, excluded.last_at)`,
            },
          });
      } catch (error) {
        // Kept for the next flush, as far as the bound allows: the database may be back by then.
        for (const tally of batch.slice(start)) if (!keep(tally)) dropped += tally.count;
        options.logger?.warn({ error: errorFields(error) }, 'widget call counts not written, will retry');
        return;
      }
    }
  }

  async function prune(time: Date) {
    if (time.getTime() - prunedAt < hourMs) return;
    prunedAt = time.getTime();
    const before = new Date(time.getTime() - keepRefusedMs);
    try {
      await db.delete(widgetCallCounts).where(and(ne(widgetCallCounts.outcome, 'accepted'), lt(widgetCallCounts.lastAt, before)));
    } catch (error) {
      options.logger?.warn({ error: errorFields(error) }, 'old widget call counts not pruned');
    }
  }

  let flushing: Promise<void> = Promise.resolve();
  async function flushOnce() {
    if (pending.size > 0) {
      const batch = [...pending.values()];
      pending.clear();
      await write(batch);
    }
    await prune(now());
  }

  const timer = options.flushEveryMs === 0 ? null : setInterval(() => void counter.flush(), options.flushEveryMs ?? 5000);
  // The counts are a convenience: they never keep the process alive.
  timer?.unref();

  const counter = {
    /** Counts one widget call; `siteId` null for a key no site has. Never waits, never throws. */
    record(siteId: string | null, outcome: WidgetCallOutcome, origin: string | undefined) {
      const at = now();
      const hour = Math.floor(at.getTime() / hourMs) * hourMs;
      const tally: Tally = {
        siteId,
        hour: new Date(hour),
        outcome,
        origin: (origin ?? '').slice(0, maxOriginLength),
        count: 1,
        firstAt: at,
        lastAt: at,
      };
      if (!admit(keyOf(tally), outcome, hour) || !keep(tally)) dropped += 1;
    },
    /** Writes what is counted so far; after earlier flushes. Never rejects: a failure keeps the counts. */
    flush(): Promise<void> {
      flushing = flushing.then(flushOnce, flushOnce);
      return flushing;
    },
    /** Counts waiting to be written, and calls not counted because of the bound: for tests and metrics. */
    stats: () => ({ pending: pending.size, dropped }),
  };
  return counter;
}

export type CallCounter = ReturnType<typeof createCallCounter>;
