import { describe, expect, it } from 'vitest';
import { isWootricAccountToken, wootricLocale, wootricUserId } from './wootric.ts';

describe("a Wootric end user's Tenpoint userId", () => {
  it('is the external id when there is one, else the email', () => {
    expect(wootricUserId({ external_id: 'abc123', email: 'nps@example.com' })).toBe('abc123');
    expect(wootricUserId({ email: 'nps@example.com' })).toBe('nps@example.com');
    expect(wootricUserId({ external_id: '', email: 'nps@example.com' })).toBe('nps@example.com');
    expect(wootricUserId({ external_id: '   ', email: 'nps@example.com' })).toBe('nps@example.com');
    expect(wootricUserId({ external_id: null, email: 'nps@example.com' })).toBe('nps@example.com');
  });

  it('takes a numeric external id as its digits, and is undefined with neither', () => {
    expect(wootricUserId({ external_id: 42, email: 'nps@example.com' })).toBe('42');
    expect(wootricUserId({ external_id: Number.NaN })).toBeUndefined();
    expect(wootricUserId({})).toBeUndefined();
    expect(wootricUserId({ email: {} })).toBeUndefined();
  });
});

describe("a Wootric language code's BCP 47 tag", () => {
  it("is lower case, with Wootric's own codes for Chinese, Japanese, Vietnamese and Swedish translated", () => {
    expect(wootricLocale('NL')).toBe('nl');
    expect(wootricLocale('es')).toBe('es');
    expect(wootricLocale('CN_S')).toBe('zh-Hans');
    expect(wootricLocale('CN_T')).toBe('zh-Hant');
    expect(wootricLocale('JP')).toBe('ja');
    expect(wootricLocale('VN')).toBe('vi');
    expect(wootricLocale('SE')).toBe('sv');
    expect(wootricLocale('pt_BR')).toBe('pt-br');
  });

  it('is undefined for anything that cannot be a language', () => {
    for (const value of ['', 'x', 'english please', 42, undefined, 'n\u0000l']) expect(wootricLocale(value)).toBeUndefined();
  });
});

describe('a Wootric account token', () => {
  it('is NPS- and letters or digits', () => {
    expect(isWootricAccountToken('NPS-7fbb3f3c')).toBe(true);
    for (const value of ['NPS-', 'nps-7fbb3f3c', 'NPS-7fbb 3f3c', 'NPS-ümlaut', `NPS-${'a'.repeat(10_000)}`, 'pk_abc', 42])
      expect(isWootricAccountToken(value)).toBe(false);
  });
});
