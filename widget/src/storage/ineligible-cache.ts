// A "no" from the API is kept for a while (at most its retryAfter), so that run() on every route
// change of a single-page app costs nothing until the answer could change. Without storage every
// run() asks the API: slower, never wrong. docs/eligibility.md explains it to vendors.
import { safeStorage } from './safe-storage.ts';

const maxCacheMs = 30 * 60 * 1000;

const keyOf = (siteKey: string, userId: string) => `tenpoint:no:${siteKey}:${userId}`;

export function rememberNo(siteKey: string, userId: string, retryAfterSeconds: number | undefined) {
  if (retryAfterSeconds)
    safeStorage((storage) => storage.setItem(keyOf(siteKey, userId), String(Date.now() + Math.min(retryAfterSeconds * 1000, maxCacheMs))));
}

export const rememberedNo = (siteKey: string, userId: string): boolean =>
  Number(safeStorage((storage) => storage.getItem(keyOf(siteKey, userId)))) > Date.now();

export const forgetNo = (siteKey: string, userId: string) => safeStorage((storage) => storage.removeItem(keyOf(siteKey, userId)));
