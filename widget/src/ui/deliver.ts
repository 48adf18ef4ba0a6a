import { dropFromOutbox, keepInOutbox } from '../storage/outbox.ts';
import { post } from '../transport.ts';

export type Deliver = (path: string, body: object, key?: string) => void;

const attempts = 4;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A keyed call (a response, keyed by its id) waits in the outbox until acknowledged and is retried
// with backoff; its bodies go out in order and a newer body stops the retries of an older one, so a
// changed score is never overwritten by a stale retry.
export function createDeliver(apiUrl: string): Deliver {
  const latest = new Map<string, string>();
  const queues = new Map<string, Promise<unknown>>();

  return (path, body, key) => {
    const text = JSON.stringify(body);
    if (!key) {
      void post(apiUrl + path, text);
      return;
    }
    latest.set(key, text);
    keepInOutbox(key, { url: apiUrl + path, body: text });
    const attempt = async () => {
      for (let tries = 0; latest.get(key) === text; ) {
        if (await post(apiUrl + path, text)) return dropFromOutbox(key, text);
        if (++tries === attempts) return;
        await wait(500 * 2 ** tries);
      }
    };
    queues.set(key, (queues.get(key) ?? Promise.resolve()).then(attempt));
  };
}
