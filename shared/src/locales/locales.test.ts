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
    for (const code of ['en', 'nl', 'de', 'fr', 'es', 'it', 'pt', 'sv', 'da', 'nb', 'fi', 'pl', 'ja', 'ar', 'he'])
      expect(catalogs).toHaveProperty(code);
  });

  // Every text in a catalogue, by its path (`anchors.csat.low`); `dir` is a setting, not a text.
  const texts = (node: unknown, path = ''): Array<[string, string]> =>
    typeof node === 'string'
      ? [[path, node]]
      : Object.entries(node as Record<string, unknown>)
          .filter(([key]) => !(path === '' && key === 'dir'))
          .flatMap(([key, value]) => texts(value, path ? `${path}.${key}` : key));
  const englishPaths = texts(catalogs.en).map(([path]) => path);

  it.each(Object.entries(catalogs))('%s has every text, none empty, with its placeholders', (code, catalog) => {
    expect(texts(catalog).map(([path]) => path)).toEqual(englishPaths);
    for (const [path, text] of texts(catalog)) {
      expect(text.trim(), path).not.toBe('');
      const allowed = path === 'scoreLabel' ? ['{score}', '{max}'] : ['{product}'];
      for (const placeholder of text.match(/\{[^}]*\}/g) ?? []) expect(allowed, `${path}: ${placeholder}`).toContain(placeholder);
    }
    for (const type of ['nps', 'csat', 'ces'] as const) expect(catalog.questions[type]).toContain('{product}');
    expect(catalog.followUp.middle).toContain('{product}');
    expect(catalog.thanks.high).toContain('{product}');
    expect(catalog.scoreLabel).toContain('{score}');
    expect(catalog.scoreLabel).toContain('{max}');

    for (const type of ['nps', 'csat', 'ces'] as const) {
      const { strings } = surveyStrings(code, type, 'Ledgerly');
      expect(strings.question).toContain('Ledgerly');
      expect(JSON.stringify(strings)).not.toMatch(/\{product\}/);
    }
  });

  it.each(Object.entries(catalogs))('%s never lets a ? or ! wrap onto a line of its own', (_code, catalog) => {
    for (const [path, text] of texts(catalog)) expect(text, path).not.toMatch(/[ \t\n][?!:;؟]/);
  });

  it('lays Arabic and Hebrew out right to left, and only those', () => {
    expect(pickLocale('he-IL')).toBe('he');
    expect(pickLocale('ar-EG')).toBe('ar');
    expect(surveyStrings('he', 'nps', 'X').dir).toBe('rtl');
    expect(surveyStrings('ar', 'nps', 'X').dir).toBe('rtl');
    for (const code of Object.keys(catalogs).filter((code) => code !== 'ar' && code !== 'he')) {
      expect(surveyStrings(code, 'nps', 'X').dir, code).toBe('ltr');
    }
  });

  it('maps regional and alternative codes to their language', () => {
    expect(pickLocale('pt-BR')).toBe('pt');
    expect(pickLocale('nb-NO')).toBe('nb');
    expect(pickLocale('no')).toBe('nb');
    expect(pickLocale('no-NO')).toBe('nb');
    expect(pickLocale('nn-NO')).toBe('nb');
    expect(pickLocale('es-MX')).toBe('es');
    expect(pickLocale('ja-JP')).toBe('ja');
    expect(pickLocale('fr-CA')).toBe('fr');
  });
});
