// A "no" from the API is kept for a while (at most its retryAfter), so that run() on every route
// change of a single-page app costs nothing until the answer could change.
const maxCacheMs = 30 * 60 * 1000;

const keyOf = (siteKey: string, userId: string) => `tenpoint:no:${siteKey}:${userId}`;

export function rememberNo(siteKey: string, userId: string, retryAfterSeconds: number | undefined) {
  if (!retryAfterSeconds) return;
  try {
    localStorage.setItem(keyOf(siteKey, userId), String(Date.now() + Math.min(retryAfterSeconds * 1000, maxCacheMs)));
  } catch {
    // Without storage every run() asks the API: slower, never wrong.
  }
}

export function rememberedNo(siteKey: string, userId: string): boolean {
  try {
    return Number(localStorage.getItem(keyOf(siteKey, userId))) > Date.now();
  } catch {
    return false;
  }
}

export function forgetNo(siteKey: string, userId: string) {
  try {
    localStorage.removeItem(keyOf(siteKey, userId));
  } catch {
    // Nothing to forget.
  }
}
