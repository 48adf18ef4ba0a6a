import { type SurveyAnswer, surveySettingsSchema } from '@tenpoint/shared';
import { describe, expect, it } from 'vitest';
import { draftOf, fieldId, fieldName, patchOf, problemOfApi, problemsOf, setIn } from './survey-draft.ts';

const stored: SurveyAnswer = {
  id: '00000000-0000-4000-8000-000000000001',
  type: 'csat',
  name: 'Support CSAT',
  productName: 'Acme',
  isDefault: false,
  enabled: true,
  settings: surveySettingsSchema.parse({
    wording: { ar: { question: 'سؤال', thanks: { high: 'شكرا', low: 'آسف' } }, nl: { submit: 'Stuur' } },
  }),
  createdAt: '2026-01-31T10:00:00.000Z',
};

describe('the survey draft', () => {
  it('sends a text taken out of the wording as null, so that the API gives it back to the built-in words', () => {
    let draft = draftOf(stored);
    draft = setIn(draft, ['settings', 'wording', 'ar', 'question'], undefined);
    draft = setIn(draft, ['settings', 'wording', 'ar', 'thanks', 'low'], undefined);
    draft = setIn(draft, ['settings', 'wording', 'nl', 'submit'], undefined);
    expect(draft.settings.wording).toEqual({ ar: { thanks: { high: 'شكرا' } } });
    expect(patchOf(stored, draft).settings.wording).toEqual({ ar: { question: null, thanks: { high: 'شكرا', low: null } }, nl: null });
    expect(stored.settings.wording.ar?.question).toBe('سؤال');
  });

  it('finds every problem at once, by field, in words', () => {
    let draft = draftOf(stored);
    draft = setIn(draft, ['settings', 'appearance', 'delaySeconds'], 9999);
    draft = setIn(draft, ['settings', 'appearance', 'brandColor'], 'red');
    draft = setIn(draft, ['settings', 'throttle', 'daysAfterResponse'], null);
    draft = setIn(draft, ['name'], '');
    expect(Object.fromEntries(problemsOf(draft))).toEqual({
      'survey.name': 'must not be empty',
      'survey.settings.appearance.brandColor': 'must be a colour written #rrggbb',
      'survey.settings.appearance.delaySeconds': 'must be at most 600',
      'survey.settings.throttle.daysAfterResponse': 'must be a whole number of days',
    });
    expect(problemsOf(draftOf(stored)).size).toBe(0);
  });

  it("leads an API refusal to its field, and names fields without the API's paths", () => {
    expect(problemOfApi('settings.wording.pt-BR.question: must be at most 300 characters')).toEqual({
      id: fieldId(['settings', 'wording', 'pt-BR', 'question']),
      words: 'must be at most 300 characters',
    });
    expect(problemOfApi('the API could not be reached')).toBeUndefined();
    expect(fieldName(fieldId(['settings', 'wording', 'pt-BR', 'question']))).toBe('Question (pt-BR)');
    expect(fieldName(fieldId(['settings', 'thankYouLinks', 'high', 'url']))).toBe('Thank-you link, high scores, address');
    expect(fieldName(fieldId(['settings', 'appearance', 'delaySeconds']))).toBe('Delay');
    expect(fieldName(fieldId(['settings', 'targeting', 'include', 0, 'values']))).toBe('Show only to, rule 1');
  });
});
