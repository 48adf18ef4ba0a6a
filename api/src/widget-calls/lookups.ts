import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { sites, type Site, type Survey } from '../db/schema/index.ts';
import { loadSurvey, surveyOrNotFound } from '../surveys/find-survey.ts';

interface Entry<Value> {
  value: Promise<Value>;
  expiresAt: number;
}

const maxEntries = 10_000;

/** Remembers each load for `ttlMs`; concurrent asks for one key share one load, failures are not kept. */
export function createTtlCache<Value>(ttlMs: number, now: () => number = Date.now) {
  const entries = new Map<string, Entry<Value>>();
  return {
    get(key: string, load: () => Promise<Value>): Promise<Value> {
      const time = now();
      const entry = entries.get(key);
      if (entry && entry.expiresAt > time) return entry.value;
      if (ttlMs <= 0) return load();
      if (entries.size >= maxEntries) entries.clear();
      const value = load();
      entries.set(key, { value, expiresAt: time + ttlMs });
      value.catch(() => entries.delete(key));
      return value;
    },
    forget: (matches: (key: string) => boolean) => {
      for (const key of entries.keys()) if (matches(key)) entries.delete(key);
    },
    clear: () => entries.clear(),
  };
}

/**
 * What every widget call looks up before anything else: the site by its public key and the survey.
 * Kept a moment, so a burst of answers costs the database nothing for them; a change to a site or
 * survey made by another process reaches the widget endpoints within `ttlMs`; one made through this
 * process's API is forgotten at once (`forgetSite`).
 */
export function createLookups(db: Database, ttlMs: number) {
  const siteCache = createTtlCache<Site | null>(ttlMs);
  const surveyCache = createTtlCache<Survey | null>(ttlMs);
  return {
    siteByKey: (siteKey: string) =>
      siteCache.get(siteKey, async () => (await db.select().from(sites).where(eq(sites.siteKey, siteKey)).limit(1))[0] ?? null),

    /** The site's survey by id, or its default survey when no id is given. */
    survey: async (siteId: string, surveyId: string | undefined): Promise<Survey> =>
      surveyOrNotFound(await surveyCache.get(`${siteId}/${surveyId ?? 'default'}`, () => loadSurvey(db, siteId, surveyId)), surveyId),

    /** After a change to a site or its surveys: the next widget call reads them again. */
    forgetSite: (site: { id: string; siteKey: string }) => {
      siteCache.forget((key) => key === site.siteKey);
      surveyCache.forget((key) => key.startsWith(`${site.id}/`));
    },
  };
}

export type Lookups = ReturnType<typeof createLookups>;
