import type { Database } from '../db/client.ts';
import { ApiError } from '../errors.ts';
import { type ResponseWrite, type WriteOutcome, writeResponses } from './write-responses.ts';

interface Pending {
  write: ResponseWrite;
  settle: (outcome: WriteOutcome | Promise<WriteOutcome>) => void;
  fail: (error: unknown) => void;
}

const maxBatch = 500;
// Two batches in flight: one gathers requests while the other commits. More made each batch smaller,
// and every statement has a fixed cost (plan, triggers, commit) whatever its size.
const maxBatchesInFlight = 2;
// Every caller of a batch this old has had its 503 from the widget deadline (1.5 s). Waiting longer,
// on a connection that may never answer again, would only hold up the responses queued behind it.
const abandonAfterMs = 2_000;
// After a batch was abandoned, responses count as unwritable until one commits, or this long at most,
// so that readiness comes back even when no traffic arrives to prove it.
const unwritableForMs = 10_000;

/**
 * Stores responses in shared commits: while batches are being committed the next requests queue
 * up, and all of them go in the next one. Each caller hears back only after its own commit; the
 * callers of a batch that takes too long get a 503, and their retries with the same id update the
 * row that batch may still write.
 */
export function createResponseWriter(db: Database) {
  let queue: Pending[] = [];
  let inFlight = 0;
  let abandonedAt: number | null = null;

  const writeAlone = async (write: ResponseWrite) => (await writeResponses(db, [write]))[0]!;

  const commit = async (batch: Pending[]) => {
    let timer: NodeJS.Timeout | undefined;
    const abandoned = new Promise<'abandoned'>((resolve) => {
      timer = setTimeout(resolve, abandonAfterMs, 'abandoned');
    });
    const written = writeResponses(
      db,
      batch.map((pending) => pending.write),
    );
    try {
      const outcomes = await Promise.race([written, abandoned]);
      if (outcomes === 'abandoned') {
        abandonedAt = performance.now();
        written.catch(() => {});
        const error = new ApiError('unavailable', `responses could not be stored within ${abandonAfterMs / 1000} s; try again shortly`, 5);
        for (const pending of batch) pending.fail(error);
        return;
      }
      abandonedAt = null;
      for (const [index, pending] of batch.entries()) pending.settle(outcomes[index]!);
    } catch (error) {
      // One bad response must not sink its neighbours: alone, each succeeds or fails on its own.
      if (batch.length === 1) batch[0]!.fail(error);
      else for (const pending of batch) pending.settle(writeAlone(pending.write));
    } finally {
      clearTimeout(timer);
    }
  };

  const flush = async () => {
    inFlight++;
    while (queue.length) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      await commit(batch);
    }
    inFlight--;
  };

  return {
    write(write: ResponseWrite): Promise<WriteOutcome> {
      return new Promise((settle, fail) => {
        queue.push({ write, settle, fail });
        if (inFlight < maxBatchesInFlight) void flush();
      });
    },
    /** False while responses cannot be stored in time: readiness reports it. */
    writable(): boolean {
      return abandonedAt === null || performance.now() - abandonedAt > unwritableForMs;
    },
  };
}

export type ResponseWriter = ReturnType<typeof createResponseWriter>;
