import { type SurveySettings, surveySettingsSchema } from '@tenpoint/shared';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { type Site, type Survey, sites, surveys } from '../db/schema/index.ts';

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

/** A survey as a widget call found it, with its settings parsed on first use and kept with it. */
export interface LookedUpSurvey {
  survey: Survey;
  settings: () => SurveySettings;
}

/** The site of a widget call's key, and the survey it names (null when the site has no such survey). */
export interface WidgetTarget {
  site: Site;
  survey: LookedUpSurvey | null;
}

function lookedUp(survey: Survey): LookedUpSurvey {
  let settings: SurveySettings | undefined;
  // Parsed when a call first needs them, not when loaded: a call that does not read them cannot fail on them.
  return { survey, settings: () => (settings ??= surveySettingsSchema.parse(survey.settings)) };
}

/**
 * What every widget call looks up before anything else: the site by its public key and the survey,
 * in one query and one cache entry. Kept a moment, so a burst of answers costs the database nothing
 * for them; a change to a site or survey made by another process reaches the widget endpoints
 * within `ttlMs`; one made through this process's API is forgotten at once (`forgetSite`).
 */
export function createLookups(db: Database, ttlMs: number, now: () => number = Date.now) {
  const cache = createTtlCache<WidgetTarget | null>(ttlMs, now);
  const keyPrefix = (siteKey: string) => `${siteKey}\u0000`;
  const load = async (siteKey: string, surveyId: string | undefined): Promise<WidgetTarget | null> => {
    const named = surveyId ? eq(surveys.id, surveyId) : eq(surveys.isDefault, true);
    const [row] = await db
      .select({ site: sites, survey: surveys })
      .from(sites)
      .leftJoin(surveys, and(eq(surveys.siteId, sites.id), named))
      .where(eq(sites.siteKey, siteKey))
      .limit(1);
    return row ? { site: row.site, survey: row.survey ? lookedUp(row.survey) : null } : null;
  };
  return {
    /** The site of `siteKey` (null when none has it) and its survey by id, or its default survey when no id is given. */
    widgetTarget: (siteKey: string, surveyId: string | undefined): Promise<WidgetTarget | null> =>
      cache.get(`${keyPrefix(siteKey)}${surveyId ?? 'default'}`, () => load(siteKey, surveyId)),

    /** After a change to a site or its surveys: the next widget call reads them again. */
    forgetSite: (site: { siteKey: string }) => cache.forget((key) => key.startsWith(keyPrefix(site.siteKey))),
  };
}

export type Lookups = ReturnType<typeof createLookups>;
