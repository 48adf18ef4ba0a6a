export type Deliver = (path: string, body: object, key?: string) => void;

const attempts = 4;
const worthRetrying = (status: number) => status === 408 || status === 429 || status >= 500;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A keyed call (a response, keyed by its id) is retried with backoff; its bodies go out in order and
// a newer body stops the retries of an older one, so a changed score is never overwritten by a stale retry.
export function createDeliver(apiUrl: string): Deliver {
  const latest = new Map<string, string>();
  const queues = new Map<string, Promise<unknown>>();

  // Resolves true when done with this body (sent, or refused for good), false when worth another try.
  const send = (path: string, body: string) =>
    fetch(apiUrl + path, {
      method: 'POST',
      // text/plain keeps it a simple request (no preflight); keepalive lets it outlive a page change.
      headers: { 'Content-Type': 'text/plain' },
      body,
      keepalive: true,
    }).then(
      (answer) => !worthRetrying(answer.status),
      () => false,
    );

  return (path, body, key) => {
    const text = JSON.stringify(body);
    if (!key) {
      void send(path, text);
      return;
    }
    latest.set(key, text);
    const attempt = async () => {
      for (let tries = 0; latest.get(key) === text; ) {
        if ((await send(path, text)) || ++tries === attempts) return;
        await wait(500 * 2 ** tries);
      }
    };
    queues.set(key, (queues.get(key) ?? Promise.resolve()).then(attempt));
  };
}
