interface Window {
  count: number;
  startedAt: number;
}

export interface WindowCounter {
  /** Seconds until `key` may try again, or 0 when it may now. */
  waitSeconds(key: string): number;
  add(key: string): void;
  clear(key: string): void;
}

/**
 * Events per key (failed sign-ins, emails asked for) in fixed windows: after `max` within `windowMs`, the key waits for the
 * window's end. In memory, per process, at most ~50,000 keys (stale windows are swept first).
 */
export function createWindowCounter(max: number, windowMs: number, now: () => number = Date.now): WindowCounter {
  const windows = new Map<string, Window>();
  const current = (key: string, time: number) => {
    const window = windows.get(key);
    if (window && time - window.startedAt >= windowMs) windows.delete(key);
    return windows.get(key);
  };
  return {
    waitSeconds(key) {
      const time = now();
      const window = current(key, time);
      if (!window || window.count < max) return 0;
      return Math.max(1, Math.ceil((window.startedAt + windowMs - time) / 1000));
    },
    add(key) {
      const time = now();
      if (windows.size > 50_000) {
        for (const [stale, { startedAt }] of windows) if (time - startedAt >= windowMs) windows.delete(stale);
      }
      const window = current(key, time) ?? { count: 0, startedAt: time };
      window.count++;
      windows.set(key, window);
    },
    clear(key) {
      windows.delete(key);
    },
  };
}
