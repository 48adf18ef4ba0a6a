import { describe, expect, it } from 'vitest';
import { pickLocale, surveyStrings } from './index.ts';

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
