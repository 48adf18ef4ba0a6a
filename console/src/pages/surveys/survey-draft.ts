import { type SurveyAnswer, type SurveySettings, surveyPatchSchema, surveySettingsSchema } from '@tenpoint/shared';

/** What the editor changes: the survey's fields and every setting, before it is saved. */
export interface SurveyDraft {
  name: string;
  productName: string;
  enabled: boolean;
  settings: SurveySettings;
}

export const draftOf = ({ name, productName, enabled, settings }: SurveyAnswer): SurveyDraft => ({
  name,
  productName,
  enabled,
  settings: structuredClone(settings),
});

type Path = ReadonlyArray<string | number>;

/** The draft with the value at `path` replaced; an `undefined` value removes the key (a wording text back to the built-in one). */
export function setIn<T>(target: T, path: Path, value: unknown): T {
  const [head, ...rest] = path;
  if (head === undefined) return value as T;
  const copy = (Array.isArray(target) ? [...target] : { ...(target as object) }) as Record<string | number, unknown>;
  const next = setIn(copy[head] ?? {}, rest, value);
  if (next === undefined || (rest.length > 0 && isEmptyObject(next))) delete copy[head];
  else copy[head] = next;
  return copy as T;
}

const isEmptyObject = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;

/** The id of the input of a setting: its path, so that an error's path leads to it. */
export const fieldId = (path: Path) => `survey.${path.join('.')}`;

/**
 * The PATCH that makes the stored survey the draft: texts of `wording` the draft no longer has are
 * sent as null (back to the built-in words), since the API merges wording object by object.
 */
export function patchOf(stored: SurveyAnswer, draft: SurveyDraft) {
  const wording: Record<string, unknown> = structuredClone(draft.settings.wording);
  for (const [locale, texts] of Object.entries(stored.settings.wording)) {
    if (!(locale in wording)) {
      wording[locale] = null;
      continue;
    }
    const kept = wording[locale] as Record<string, unknown>;
    for (const [key, value] of Object.entries(texts)) {
      if (!(key in kept)) kept[key] = null;
      else if (typeof value === 'object' && value) {
        const keptTexts = kept[key] as Record<string, unknown>;
        for (const band of Object.keys(value)) if (!(band in keptTexts)) keptTexts[band] = null;
      }
    }
  }
  return { ...draft, settings: { ...draft.settings, wording } };
}

/** Problems of the draft by field id, in words, all at once: what the API would refuse. */
export function problemsOf(draft: SurveyDraft): Map<string, string> {
  const problems = new Map<string, string>();
  const add = (path: Path, message: string) => {
    const id = fieldId(path);
    if (!problems.has(id)) problems.set(id, message);
  };
  const fields = surveyPatchSchema.safeParse({ name: draft.name, productName: draft.productName });
  for (const issue of fields.error?.issues ?? []) add(issue.path as Path, inWords(issue));
  const settings = surveySettingsSchema.safeParse(draft.settings);
  for (const issue of settings.error?.issues ?? []) add(['settings', ...(issue.path as Path)], inWords(issue));
  return problems;
}

interface Issue {
  code: string;
  message: string;
  minimum?: unknown;
  maximum?: unknown;
}

/** Our schemas say most problems in words already ("must be at most 300 characters"); zod's own messages are said again. */
function inWords(issue: Issue): string {
  if (issue.message.startsWith('must')) return issue.message;
  if (issue.code === 'too_big') return `must be at most ${issue.maximum}`;
  if (issue.code === 'too_small') return Number(issue.minimum) <= 1 ? 'must be filled in' : `must be at least ${issue.minimum}`;
  if (issue.code === 'invalid_type') return 'must be filled in';
  return 'is not valid here';
}

/** An API refusal ("settings.sampling.percent: must be at most 100") as a field id and words. */
export function problemOfApi(message: string): { id: string; words: string } | undefined {
  const match = /^([\w.-]+): (.+)$/s.exec(message);
  if (!match) return undefined;
  return { id: fieldId(match[1]!.split('.')), words: match[2]! };
}

const segmentNames: Record<string, string> = {
  name: 'Name',
  productName: 'Product name',
  question: 'Question',
  lowLabel: 'Label under the lowest score',
  highLabel: 'Label under the highest score',
  followUp: 'Follow-up question',
  placeholder: 'Comment placeholder',
  thanks: 'Thank-you',
  submit: 'Send button',
  thankYouLinks: 'Thank-you link',
  url: 'address',
  label: 'text',
  brandColor: 'Brand colour',
  delaySeconds: 'Delay',
  daysAfterSignUp: 'Days after sign-up',
  daysAfterResponse: 'Days after a response',
  daysAfterDecline: 'Days after a decline',
  hoursAfterImpression: 'Hours after being shown',
  ignoredImpressionsAsDecline: 'Ignored showings that count as a decline',
  percent: 'Share of users asked',
  periodDays: 'Sampling period',
  dailyCap: 'Daily cap',
  accountCap: 'Per-account cap',
  users: 'users',
  days: 'days',
  include: 'Show only to',
  exclude: 'Never show to',
  excludeEmailDomains: 'Email domains never asked',
  triggerEvent: 'Trigger event',
  low: 'low scores',
  middle: 'middle scores',
  high: 'high scores',
};

/** A field id said as a vendor would say it: "Question (ar)", "Thank-you link, high scores: address". */
export function fieldName(id: string): string {
  const parts = id
    .replace(/^survey\./, '')
    .split('.')
    .filter((part) => part !== 'settings' && part !== 'appearance');
  const [first, ...rest] = parts;
  if (first === 'wording' && rest.length > 1) {
    const [locale, ...text] = rest;
    return `${text.map((part) => segmentNames[part] ?? part).join(', ')} (${locale})`;
  }
  if (first === 'targeting' && /^\d+$/.test(rest[1] ?? '')) return `${segmentNames[rest[0]!] ?? rest[0]}, rule ${Number(rest[1]) + 1}`;
  return parts.map((part) => segmentNames[part] ?? part).join(', ');
}
