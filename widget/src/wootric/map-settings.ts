import type { Traits, UserInput } from '@tenpoint/shared';
import { wootricLocale, wootricUserId } from '@tenpoint/shared/wootric';

export interface MappedSettings {
  /** What `tenpoint('identify', user)` gets; none without an email or external_id of at most 200 characters. */
  user?: UserInput;
  /** `event_name`: the event `tenpoint('track', event)` sends instead of a plain run. */
  event?: string;
  /** `wootric_survey_immediately: true`: `tenpoint('show')`, which the API honours in test mode only. */
  show?: true;
  /** Settings (and properties) with no counterpart, in the order given. */
  ignored: string[];
}

// Read elsewhere (account_token: the site) or with nothing to do (aria: Tenpoint's survey is always accessible).
const silent = new Set(['account_token', 'aria', 'email', 'external_id']);
const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A trait value the API takes: a string of at most 1000 well-formed characters, a finite number or a boolean. */
const sendable = (value: unknown) =>
  typeof value === 'string'
    ? value.length <= 1000 && (value as { isWellFormed?: () => boolean }).isWellFormed?.() !== false
    : typeof value === 'boolean' || Number.isFinite(value);

/** `window.wootricSettings` as Tenpoint's queue commands take them (docs/widget.md, "Pasting a Wootric snippet"). */
export function mapWootricSettings(settings: unknown): MappedSettings {
  const mapped: MappedSettings = { ignored: [] };
  if (!settings || typeof settings !== 'object') return mapped;
  const given = settings as Record<string, unknown>;
  const userId = wootricUserId(given);
  const user: UserInput = { userId: userId ?? '' };
  const traits: Traits = {};
  const trait = (name: string, value: unknown, setting: string) => {
    if (/^[^\0-\x1f]{1,100}$/.test(name) && Object.keys(traits).length < 100 && sendable(value)) traits[name] = value as string;
    // Wootric's docs ask for null where a user has no value: nothing to store, nothing to say.
    else if (value !== null) mapped.ignored.push(setting);
  };
  if (typeof given.email === 'string' && email.test(given.email)) user.email = given.email;
  for (const [name, value] of Object.entries(given)) {
    if ((silent.has(name) && !(name === 'external_id' && value instanceof Object)) || value === undefined) continue;
    if (name === 'created_at' && /^\d{1,11}$/.test(String(value))) user.createdAt = Number(value);
    else if (name === 'language' && wootricLocale(value)) user.locale = wootricLocale(value)!;
    else if (name === 'event_name' && typeof value === 'string' && value) mapped.event = value;
    else if (name === 'wootric_survey_immediately' && typeof value === 'boolean') {
      if (value) mapped.show = true;
    } else if (name === 'product_name' && typeof value === 'string') trait(name, value, name);
    else if (name === 'properties' && value instanceof Object && !Array.isArray(value)) {
      for (const [property, propertyValue] of Object.entries(value)) trait(property, propertyValue, `properties.${property}`);
    } else mapped.ignored.push(name);
  }
  if (Object.keys(traits).length) user.traits = traits;
  // The API's limit: a longer userId is no user, as none is.
  if (userId && userId.length <= 200) mapped.user = user;
  return mapped;
}
