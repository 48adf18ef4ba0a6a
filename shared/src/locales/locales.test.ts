import { describe, expect, it } from 'vitest';
import { catalogs, pickLocale, surveyStrings } from './index.ts';

describe('pickLocale', () => {
  it('falls back from a region to its language, then to English', () => {
    expect(pickLocale('nl-BE')).toBe('nl');
    expect(pickLocale('NL')).toBe('nl');
    expect(pickLocale('xx-YY')).toBe('en');
    expect(pickLocale(undefined)).toBe('en');
  });
});

describe('surveyStrings', () => {
  it("puts the product's name in the question", () => {
    expect(surveyStrings('en', 'nps', 'Ledgerly').strings.question).toBe(
      'How likely are you to recommend Ledgerly to a friend or colleague?',
    );
    expect(surveyStrings('de', 'csat', 'Ledgerly').strings.question).toBe('Wie zufrieden sind Sie mit Ledgerly?');
  });
});

describe('the catalogues', () => {
  it('cover at least 15 languages', () => {
    expect(Object.keys(catalogs).length).toBeGreaterThanOrEqual(15);
    for (const code of ['en', 'nl', 'de', 'fr', 'es', 'it', 'pt', 'sv', 'da', 'nb', 'fi', 'pl', 'ja', 'ar', 'he']) expect(catalogs).toHaveProperty(code);
  });

  it.each(Object.entries(catalogs))('%s has every text, with its placeholders', (_code, catalog) => {
    const { strings } = surveyStrings(_code, 'nps', 'Ledgerly');
    for (const text of [strings.question, strings.lowLabel, strings.highLabel, strings.placeholder, strings.submit, strings.close, ...Object.values(strings.followUp), ...Object.values(strings.thanks)]) {
      expect(text.trim()).not.toBe('');
      expect(text).not.toMatch(/\{\w+\}/);
    }
    for (const type of ['nps', 'csat', 'ces'] as const) expect(catalog.questions[type]).toContain('{product}');
    expect(catalog.followUp.middle).toContain('{product}');
    expect(catalog.thanks.high).toContain('{product}');
    expect(catalog.scoreLabel).toMatch(/\{score\}/);
    expect(catalog.scoreLabel).toMatch(/\{max\}/);
  });

  it('lays Arabic and Hebrew out right to left, and only those', () => {
    expect(pickLocale('he-IL')).toBe('he');
    expect(surveyStrings('he', 'nps', 'X').dir).toBe('rtl');
    expect(surveyStrings('ar', 'nps', 'X').dir).toBe('rtl');
    expect(surveyStrings('fr', 'nps', 'X').dir).toBe('ltr');
  });

  it('maps regional and alternative codes to their language', () => {
    expect(pickLocale('pt-BR')).toBe('pt');
    expect(pickLocale('nb-NO')).toBe('nb');
    expect(pickLocale('no')).toBe('nb');
    expect(pickLocale('fr-CA')).toBe('fr');
  });
});
