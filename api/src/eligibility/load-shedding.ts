/**
 * Admits eligibility calls to the database a few at a time. A call that would wait longer than
 * `maxWaitMs` for its turn is turned away at once (or when its wait runs out), so that under
 * overload the calls that are answered stay quick and the rest hear "not now" in a moment,
 * instead of everyone hearing late. Answers and dismissals never pass through it.
 */
export interface LoadShedding {
  /** Runs `work` in its turn; `shed` when its turn would come too late. */
  run<Value>(work: () => Promise<Value>): Promise<{ shed: false; value: Value } | { shed: true }>;
}

export interface LoadSheddingOptions {
  /** Eligibility statements this process runs at once; the rest of its connections stay free for answers. */
  maxInFlight: number;
  /** The longest a call waits for its turn before it is answered "not now". */
  maxWaitMs: number;
}

interface Waiter {
  admit(): void;
  timer: ReturnType<typeof setTimeout>;
}

export function createLoadShedding({ maxInFlight, maxWaitMs }: LoadSheddingOptions): LoadShedding {
  let inFlight = 0;
  const waiting: Waiter[] = [];
  // A moving average of how long a turn takes: with it a call is turned away at once when the
  // queue ahead of it cannot be through within its wait.
  let turnMs = 5;

  // A finished turn passes straight to the first waiter, so nobody arriving meanwhile jumps the queue.
  const finish = () => {
    const waiter = waiting.shift();
    if (!waiter) return void inFlight--;
    clearTimeout(waiter.timer);
    waiter.admit();
  };

  const take = <Value>(work: () => Promise<Value>) => {
    const started = performance.now();
    return work().finally(() => {
      turnMs = 0.9 * turnMs + 0.1 * (performance.now() - started);
      finish();
    });
  };

  return {
    async run(work) {
      if (inFlight < maxInFlight && waiting.length === 0) {
        inFlight++;
        return { shed: false, value: await take(work) };
      }
      const expectedWaitMs = ((waiting.length + 1) / maxInFlight) * turnMs;
      if (expectedWaitMs > maxWaitMs) return { shed: true };
      const admitted = await new Promise<boolean>((resolve) => {
        const waiter: Waiter = {
          admit: () => resolve(true),
          timer: setTimeout(() => {
            waiting.splice(waiting.indexOf(waiter), 1);
            resolve(false);
          }, maxWaitMs),
        };
        waiting.push(waiter);
      });
      return admitted ? { shed: false, value: await take(work) } : { shed: true };
    },
  };
}
