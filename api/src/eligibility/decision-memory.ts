import { createHash } from 'node:crypto';
import type { IneligibleReason, UserInput } from '@tenpoint/shared';
import { LRUCache } from 'lru-cache';
import type { Survey } from '../db/schema/index.ts';

/** A "no" as it was answered, kept until it could change. */
export interface RememberedNo {
  reason: IneligibleReason;
  detail: string;
  /** When the rules' answer may change; null when only new traits or settings change it. */
  until: Date | null;
  warnings: string[];
}

interface Entry extends RememberedNo {
  pageDigest: string;
  surveyVersion: string;
  expiresAt: number;
}

export interface DecisionMemoryOptions {
  /** Users × surveys remembered by this process, the least recently asked forgotten first. */
  maxEntries: number;
  /**
   * The longest a "no" is answered from memory. A call answered from memory writes nothing, so this
   * is also how stale a repeat visitor's last-seen time may get.
   */
  maxAgeMs: number;
}

const versions = new WeakMap<Survey, string>();
/** Changes whenever the survey's settings or switch do: a remembered "no" is then asked afresh. */
function versionOf(survey: Survey): string {
  let version = versions.get(survey);
  if (version === undefined) {
    version = `${survey.enabled}:${JSON.stringify(survey.settings)}`;
    versions.set(survey, version);
  }
  return version;
}

/** What the page said of the user: any change (traits, account, email…) may change the answer. */
function digestOf(user: UserInput): string {
  return createHash('sha1').update(JSON.stringify(user)).digest('base64');
}

const keyOf = (siteId: string, userId: string, surveyId: string) => `${siteId}\u0000${userId}\u0000${surveyId}`;

/**
 * The "no"s this process answered, so that a repeat visitor's next page asks the database nothing.
 * A "no" only lengthens with what happens elsewhere (an answer, a dismissal, a showing in another
 * process), so keeping it until its own `until` is safe; what could shorten it (the survey's
 * settings, the user's traits, a trigger event, erasure) is checked on every recall or forgets it.
 */
export function createDecisionMemory({ maxEntries, maxAgeMs }: DecisionMemoryOptions) {
  const entries = new LRUCache<string, Entry>({ max: maxEntries });
  return {
    recall(siteId: string, survey: Survey, user: UserInput, now: Date): RememberedNo | undefined {
      const key = keyOf(siteId, user.userId, survey.id);
      const entry = entries.get(key);
      if (!entry) return undefined;
      const fresh = entry.expiresAt > now.getTime() && entry.surveyVersion === versionOf(survey) && entry.pageDigest === digestOf(user);
      if (!fresh) {
        entries.delete(key);
        return undefined;
      }
      return entry;
    },
    remember(siteId: string, survey: Survey, user: UserInput, now: Date, no: RememberedNo) {
      const limit = now.getTime() + maxAgeMs;
      const expiresAt = no.until ? Math.min(no.until.getTime(), limit) : limit;
      if (expiresAt <= now.getTime()) return;
      entries.set(keyOf(siteId, user.userId, survey.id), {
        ...no,
        pageDigest: digestOf(user),
        surveyVersion: versionOf(survey),
        expiresAt,
      });
    },
    /** After an erasure: nothing of the user stays in memory, and their next visit starts afresh. */
    forgetUser(siteId: string, userId: string) {
      const prefix = `${siteId}\u0000${userId}\u0000`;
      for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}

export type DecisionMemory = ReturnType<typeof createDecisionMemory>;
