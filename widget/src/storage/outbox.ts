// Responses not yet acknowledged by the API, by response id, so that a closed tab or a network
// outage loses nothing: the next page load sends them again (the API makes repeats harmless).
import { post } from '../transport.ts';
import { outboxKey } from './outbox-key.ts';

export interface OutboxEntry {
  url: string;
  body: string;
}

type Outbox = Record<string, OutboxEntry>;

export function readOutbox(): Outbox {
  try {
    return JSON.parse(localStorage.getItem(outboxKey) ?? '{}') as Outbox;
  } catch {
    return {};
  }
}

function writeOutbox(outbox: Outbox) {
  try {
    if (Object.keys(outbox).length) localStorage.setItem(outboxKey, JSON.stringify(outbox));
    else localStorage.removeItem(outboxKey);
  } catch {
    // Storage full or blocked (private mode): delivery still works, only without the safety net.
  }
}

export function keepInOutbox(key: string, entry: OutboxEntry) {
  const outbox = readOutbox();
  outbox[key] = entry;
  writeOutbox(outbox);
}

/** Forgets an entry once delivered, unless a newer body for the same key replaced it meanwhile. */
export function dropFromOutbox(key: string, body: string) {
  const outbox = readOutbox();
  if (outbox[key]?.body !== body) return;
  delete outbox[key];
  writeOutbox(outbox);
}

/** Sends the responses an earlier page could not deliver (closed too soon, or offline). */
export function sendOutbox() {
  for (const [key, entry] of Object.entries(readOutbox())) {
    void post(entry.url, entry.body).then((done) => done && dropFromOutbox(key, entry.body));
  }
}
