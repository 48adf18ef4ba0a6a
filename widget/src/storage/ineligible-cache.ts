// A "no" from the API is kept until its retryAfter (at most a day), so that run() on every route
// change of a single-page app, and on every page load, costs nothing until the answer could change.
// It holds only for the digest of what identify() sent, so one entry per site serves every user of
// the browser. Without storage every run() asks the API: slower, never wrong. See docs/eligibility.md.
import { safeStorage } from './safe-storage.ts';

const dayMs = 24 * 3600 * 1000;

const keyOf = (siteKey: string) => `tenpoint:no:${siteKey}`;

/** A 32-bit hash (sdbm's) of the user as identify() gave it, whatever the order of its keys. */
export function digestOf(user: object): number {
  const keys: string[] = [];
  JSON.stringify(user, (key, value) => {
    keys.push(key);
    return value;
  });
  let hash = 0;
  // Exact: the product stays below 2^53. A multiplier over 65535 spares two-character collisions ("Aa", "BB").
  for (const char of JSON.stringify(user, keys.sort())) hash = (hash * 65599 + char.charCodeAt(0)) | 0;
  return hash;
}

// A "no" without retryAfter (not targeted, no trigger, survey off) changes only with what the digest
// covers or with the survey's settings: an hour bounds how late a settings change is seen.
export const rememberNo = (siteKey: string, digest: number, retryAfterSeconds = 3600) =>
  safeStorage((storage) => storage.setItem(keyOf(siteKey), `${Date.now() + Math.min(retryAfterSeconds * 1000, dayMs)} ${digest}`));

export function rememberedNo(siteKey: string, digest: number): boolean {
  const [until, given] = String(safeStorage((storage) => storage.getItem(keyOf(siteKey)))).split(' ');
  // An entry without a digest (none stored, or an older widget's) gives NaN: not remembered.
  return +until! > Date.now() && +given! === digest;
}

export const forgetNo = (siteKey: string) => safeStorage((storage) => storage.removeItem(keyOf(siteKey)));
