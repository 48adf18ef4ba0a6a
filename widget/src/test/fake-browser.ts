// The few browser features the widget touches, for unit tests in plain Node: storage, the network
// as seen through fetch, and the page's address. Each test installs what it needs; `vi.unstubAllGlobals`
// (run after every test, see vitest.config.ts) takes them away again.
import { vi } from 'vitest';

/** localStorage as a browser keeps it: `full` refuses writes (quota exceeded), as Safari's private mode did. */
export class FakeStorage implements Storage {
  readonly items = new Map<string, string>();
  constructor(private readonly full = false) {}
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

/** Installs localStorage: working, full, or `blocked`, where merely reading `localStorage` throws (storage disabled by the user). */
export function installStorage(kind: 'working' | 'full' | 'blocked' = 'working'): FakeStorage {
  const storage = new FakeStorage(kind === 'full');
  if (kind === 'blocked') {
    vi.stubGlobal('localStorage', undefined);
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get: () => {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
    });
  } else vi.stubGlobal('localStorage', storage);
  return storage;
}

/** What the API was sent: the path, the parsed body and how it went out. */
export interface Sent {
  url: string;
  path: string;
  body: Record<string, unknown>;
  contentType: string | undefined;
  keepalive: boolean | undefined;
}

/** How the API answers one call: a status (and JSON body), or `offline` for a network failure. */
export type Answer = { status: number; body?: unknown } | 'offline';

/** The API behind fetch: `answer` decides each call (it may wait); every call is recorded in order. */
export function installApi(answer: (sent: Sent) => Answer | Promise<Answer>): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const call: Sent = {
      url,
      path: new URL(url).pathname,
      body: JSON.parse(String(init.body)) as Record<string, unknown>,
      contentType: (init.headers as Record<string, string> | undefined)?.['Content-Type'],
      keepalive: init.keepalive,
    };
    sent.push(call);
    const answered = await answer(call);
    if (answered === 'offline') throw new TypeError('Failed to fetch');
    return new Response(answered.status === 204 ? null : JSON.stringify(answered.body ?? {}), { status: answered.status });
  });
  return sent;
}

/** An answer the test gives later: `answers.next` is what the API is waiting to say to the oldest unanswered call. */
export function heldAnswers() {
  const waiting: Array<(answer: Answer) => void> = [];
  return {
    answer: () => new Promise<Answer>((resolve) => waiting.push(resolve)),
    /** Answers the oldest call still waiting. */
    give(answer: Answer) {
      const resolve = waiting.shift();
      if (!resolve) throw new Error('no call is waiting for an answer');
      resolve(answer);
    },
    get waiting() {
      return waiting.length;
    },
  };
}

/** Lets every promise that can settle now settle (a few rounds of the microtask queue and one macrotask). */
export const settle = async () => {
  for (let round = 0; round < 5; round++) await new Promise((resolve) => setImmediate(resolve));
};
