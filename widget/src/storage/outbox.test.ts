import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Answer, type FakeStorage, heldAnswers, installApi, installStorage, type Sent, settle } from '../test/fake-browser.ts';
import { createDeliver } from '../ui/deliver.ts';
import { sendOutbox } from './outbox.ts';
import { outboxKey } from './outbox-key.ts';

const apiUrl = 'https://api.test';
const id = '0b9c2a4e-6f1d-4c3b-9a8e-2d7f5e1c3b4a';
const response = (score: number, comment?: string) => ({ siteKey: 'pk_test', user: { userId: 'u_1' }, id, score, comment });
const scores = (sent: Sent[]) => sent.filter((call) => call.path === '/v1/responses').map((call) => call.body.score);
/** What waits in the browser for the next page, by score. */
const waiting = (storage: FakeStorage) =>
  Object.values(JSON.parse(storage.getItem(outboxKey) ?? '{}') as Record<string, { body: string }>).map(
    (entry) => JSON.parse(entry.body) as Record<string, unknown>,
  );
/** The user closes the tab: whatever this page still meant to try is gone, only storage remains. */
const closeTab = () => vi.clearAllTimers();
/** Answers in turn, the last one for every call after. */
const inTurn = (...answers: Answer[]) => {
  let call = 0;
  return () => answers[Math.min(call++, answers.length - 1)]!;
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a response on its way to the API', () => {
  it('reaches the API from the next page when the tab is closed before the API took it', async () => {
    const storage = installStorage();
    const held = heldAnswers();
    const sent = installApi(held.answer);
    createDeliver(apiUrl)('/v1/responses', response(6), id);
    await settle();
    expect(waiting(storage)).toMatchObject([{ score: 6 }]);
    closeTab();

    const later = installApi(() => ({ status: 201 }));
    sendOutbox();
    await settle();
    expect(scores(later)).toEqual([6]);
    expect(storage.getItem(outboxKey)).toBeNull();
    // A third page has nothing left to send.
    sendOutbox();
    await settle();
    expect(scores([...sent, ...later])).toEqual([6, 6]);
  });

  it('is sent again after a failed send until the API takes it, then never again', async () => {
    const storage = installStorage();
    const sent = installApi(inTurn('offline', { status: 503 }, { status: 201 }));
    createDeliver(apiUrl)('/v1/responses', response(8), id);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(scores(sent)).toEqual([8, 8, 8]);
    expect(storage.getItem(outboxKey)).toBeNull();
    sendOutbox();
    await settle();
    expect(sent).toHaveLength(3);
  });

  it('waits in the browser when every try on the page fails, and the next page delivers it', async () => {
    const storage = installStorage();
    const sent = installApi(() => 'offline');
    createDeliver(apiUrl)('/v1/responses', response(3), id);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    // A few tries with growing waits, not one every second for as long as the page is open.
    expect(scores(sent)).toEqual([3, 3, 3, 3]);
    expect(waiting(storage)).toMatchObject([{ score: 3 }]);
    closeTab();

    const later = installApi(() => ({ status: 201 }));
    sendOutbox();
    await settle();
    expect(scores(later)).toEqual([3]);
    expect(storage.getItem(outboxKey)).toBeNull();
  });

  it('is dropped, not retried, when the API refuses it for good', async () => {
    for (const status of [400, 401, 403, 404, 413, 422]) {
      const storage = installStorage();
      const sent = installApi(() => ({ status, body: { error: { code: 'invalid', message: 'score: must be an integer from 0 to 10' } } }));
      createDeliver(apiUrl)('/v1/responses', response(11), id);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(scores(sent), String(status)).toEqual([11]);
      expect(storage.getItem(outboxKey), String(status)).toBeNull();
    }
  });

  it('is tried again after a timeout, too many requests or a server error', async () => {
    for (const status of [408, 429, 500, 502, 503]) {
      const storage = installStorage();
      const sent = installApi(inTurn({ status }, { status: 201 }));
      createDeliver(apiUrl)('/v1/responses', response(9), id);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(scores(sent), String(status)).toEqual([9, 9]);
      expect(storage.getItem(outboxKey), String(status)).toBeNull();
    }
  });

  it('arrives as the user last changed it: an older score is never sent after a newer one', async () => {
    const storage = installStorage();
    let online = false;
    const sent = installApi(() => (online ? { status: 201 } : 'offline'));
    const deliver = createDeliver(apiUrl);
    deliver('/v1/responses', response(6), id);
    await settle();
    deliver('/v1/responses', response(9), id);
    expect(waiting(storage)).toMatchObject([{ score: 9 }]);
    online = true;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(scores(sent)).toEqual([6, 9]);
    expect(storage.getItem(outboxKey)).toBeNull();
  });

  it('keeps a comment given while its score is still on the way until the comment arrives too', async () => {
    const storage = installStorage();
    const held = heldAnswers();
    const sent = installApi(held.answer);
    const deliver = createDeliver(apiUrl);
    deliver('/v1/responses', response(4), id);
    await settle();
    deliver('/v1/responses', response(4, 'Too slow'), id);
    held.give({ status: 201 });
    await settle();
    // The score arrived; the comment is what waits, should the tab close now.
    expect(waiting(storage)).toMatchObject([{ score: 4, comment: 'Too slow' }]);
    held.give({ status: 201 });
    await settle();
    expect(sent.map((call) => call.body.comment)).toEqual([undefined, 'Too slow']);
    expect(storage.getItem(outboxKey)).toBeNull();
  });

  it('goes out as a text/plain POST that may outlive the page (no CORS preflight, not cut off by leaving)', async () => {
    installStorage();
    const sent = installApi(() => ({ status: 201 }));
    createDeliver(apiUrl)('/v1/responses', response(7), id);
    await settle();
    expect(sent).toMatchObject([{ url: `${apiUrl}/v1/responses`, contentType: 'text/plain', keepalive: true }]);
  });
});

describe('an impression or a decline', () => {
  it('is sent once and kept nowhere, even when it fails', async () => {
    const storage = installStorage();
    const sent = installApi(() => 'offline');
    const deliver = createDeliver(apiUrl);
    deliver('/v1/impressions', { siteKey: 'pk_test', impressionId: id });
    deliver('/v1/declines', { siteKey: 'pk_test', impressionId: id });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent.map((call) => call.path)).toEqual(['/v1/impressions', '/v1/declines']);
    expect(sent.every((call) => call.keepalive && call.contentType === 'text/plain')).toBe(true);
    expect(storage.getItem(outboxKey)).toBeNull();
  });
});

describe('where the browser keeps nothing', () => {
  for (const kind of ['blocked', 'full'] as const) {
    it(`(storage ${kind}) a response still arrives, retried after a failure, and nothing breaks the page`, async () => {
      installStorage(kind);
      const sent = installApi(inTurn('offline', { status: 201 }));
      expect(() => createDeliver(apiUrl)('/v1/responses', response(10), id)).not.toThrow();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(scores(sent)).toEqual([10, 10]);
      expect(() => sendOutbox()).not.toThrow();
      await settle();
      expect(sent).toHaveLength(2);
    });
  }

  it('an outbox that cannot be read is ignored, and the next response is kept as usual', async () => {
    const storage = installStorage();
    storage.setItem(outboxKey, '{"cut off');
    const sent = installApi(() => 'offline');
    expect(() => sendOutbox()).not.toThrow();
    await settle();
    expect(sent).toEqual([]);
    createDeliver(apiUrl)('/v1/responses', response(5), id);
    await settle();
    expect(waiting(storage)).toMatchObject([{ score: 5 }]);
  });
});
