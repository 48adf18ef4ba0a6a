// What Tenpoint takes from Wootric, in one place for the pasted snippet (widget/src/wootric/) and
// the import of Wootric's exported answers. No zod: the widget's shim imports it.

/** A Wootric end user's Tenpoint `userId`: their `external_id` when given, else their `email`. */
export function wootricUserId(endUser: { external_id?: unknown; email?: unknown }): string | undefined {
  for (const value of [endUser.external_id, endUser.email]) {
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}

// Wootric's codes that are not the language's own (its docs, "Custom Language Setting").
const wootricOwnCodes: Record<string, string> = { cn_s: 'zh-Hans', cn_t: 'zh-Hant', jp: 'ja', vn: 'vi', se: 'sv' };

/** A Wootric `language` code (`NL`, `CN_S`, `pt_BR`) as a BCP 47 tag (`nl`, `zh-Hans`, `pt-br`); undefined when it is none. */
export function wootricLocale(code: unknown): string | undefined {
  if (typeof code !== 'string') return undefined;
  const lower = code.toLowerCase();
  const tag = wootricOwnCodes[lower] ?? lower.replaceAll('_', '-');
  return /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(tag) ? tag : undefined;
}

/** The shape of a Wootric account token: `NPS-` and letters or digits (`NPS-7fbb3f3c`). */
export const wootricAccountTokenPattern = /^NPS-[A-Za-z0-9]{1,64}$/;

export const isWootricAccountToken = (value: unknown): value is string =>
  typeof value === 'string' && wootricAccountTokenPattern.test(value);
