import { describeZodError, findUnknownKey, type SurveySettings, surveySettingsSchema } from '@tenpoint/shared';
import { ApiError } from '../errors.ts';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Objects merge key by key; anything else (a list, a value, null) replaces what was there. */
function deepMerge(stored: unknown, patch: unknown): unknown {
  if (!isObject(stored) || !isObject(patch)) return patch;
  const merged: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(patch)) merged[key] = deepMerge(stored[key], value);
  return merged;
}

/** Wording without its null entries: `null` removes a locale, or one text of it, back to the built-in words. */
function withoutNulls(wording: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(wording)
      .filter(([, value]) => value !== null)
      .map(([key, value]) => [key, isObject(value) ? withoutNulls(value) : value]),
  );
}

/** The stored settings with a vendor's patch merged in, validated whole; a 400 names the field. */
export function mergeSettings(stored: unknown, patch: Record<string, unknown>): SurveySettings {
  const unknown = findUnknownKey(surveySettingsSchema, patch);
  if (unknown) {
    throw new ApiError(
      'invalid_request',
      `settings.${unknown.path.join('.')}: is not a setting; the settings here are ${unknown.known.join(', ')}`,
    );
  }
  const merged = deepMerge(isObject(stored) ? stored : {}, patch) as Record<string, unknown>;
  if (isObject(merged.wording)) merged.wording = withoutNulls(merged.wording);
  const parsed = surveySettingsSchema.safeParse(merged);
  if (!parsed.success) throw new ApiError('invalid_request', `settings.${describeZodError(parsed.error)}`);
  return parsed.data;
}
