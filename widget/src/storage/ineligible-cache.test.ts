import { beforeEach, describe, expect, it, vi } from 'vitest';
import { installStorage } from '../test/fake-browser.ts';
import { digestOf, forgetNo, rememberedNo, rememberNo } from './ineligible-cache.ts';

const site = 'pk_test12345';
const hour = 3600;
const user = {
  userId: 'u_1',
  email: 'ann@acme.io',
  createdAt: '2026-11-30T10:00:00Z',
  locale: 'nl',
  traits: { plan: 'pro', seats: 12, admin: true },
  account: { id: 'acme', traits: { tier: 'gold', region: 'eu' } },
};
const digest = digestOf(user);

/** The clock moves on by so many seconds, as between two page loads. */
const later = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);

beforeEach(() => {
  installStorage();
  vi.useFakeTimers({ toFake: ['Date'] });
});

describe('the digest of what identify() sent', () => {
  it('does not depend on the order of keys, at any depth', () => {
    const reordered = {
      account: { traits: { region: 'eu', tier: 'gold' }, id: 'acme' },
      traits: { admin: true, seats: 12, plan: 'pro' },
      locale: 'nl',
      createdAt: '2026-11-30T10:00:00Z',
      email: 'ann@acme.io',
      userId: 'u_1',
    };
    expect(digestOf(reordered)).toBe(digest);
  });

  it('changes with each thing the targeting reads', () => {
    const changed = [
      { ...user, traits: { ...user.traits, plan: 'free' } },
      { ...user, traits: { ...user.traits, role: 'admin' } },
      { ...user, account: { ...user.account, traits: { tier: 'silver', region: 'eu' } } },
      { ...user, account: { ...user.account, id: 'globex' } },
      { ...user, email: 'ann@yourcompany.com' },
      { ...user, createdAt: '2026-12-01T10:00:00Z' },
      { ...user, locale: 'de' },
      // Java's string hash gives "Aa" and "BB" the same code.
      { ...user, traits: { ...user.traits, plan: 'Aa' } },
    ];
    const digests = changed.map(digestOf);
    expect(digests).not.toContain(digest);
    expect(digestOf({ ...user, traits: { ...user.traits, plan: 'BB' } })).not.toBe(digests.at(-1));
  });
});

describe('a remembered "no"', () => {
  it('holds until its retryAfter, several hours on', () => {
    rememberNo(site, digest, 6 * hour);
    later(6 * hour - 1);
    expect(rememberedNo(site, digest)).toBe(true);
    later(1);
    expect(rememberedNo(site, digest)).toBe(false);
  });

  it('holds at most one day, however far its retryAfter', () => {
    rememberNo(site, digest, 30 * 24 * hour);
    later(24 * hour - 1);
    expect(rememberedNo(site, digest)).toBe(true);
    later(1);
    expect(rememberedNo(site, digest)).toBe(false);
  });

  it('without retryAfter (only traits or settings can change it) holds an hour', () => {
    rememberNo(site, digest, undefined);
    later(hour - 1);
    expect(rememberedNo(site, digest)).toBe(true);
    later(1);
    expect(rememberedNo(site, digest)).toBe(false);
  });

  it('holds only for the same digest (so the same user) and the same site', () => {
    rememberNo(site, digest, 6 * hour);
    expect(rememberedNo(site, digestOf({ ...user, traits: { plan: 'free' } }))).toBe(false);
    expect(rememberedNo(site, digestOf({ ...user, userId: 'u_2' }))).toBe(false);
    expect(rememberedNo('pk_other', digest)).toBe(false);
    expect(rememberedNo(site, digest)).toBe(true);
  });

  it('is gone once forgotten', () => {
    rememberNo(site, digest, 6 * hour);
    forgetNo(site);
    expect(rememberedNo(site, digest)).toBe(false);
  });

  it('without a digest, as an older widget kept it, is not trusted', () => {
    localStorage.setItem(`tenpoint:no:${site}`, String(Date.now() + 10 * 60 * 1000));
    expect(rememberedNo(site, digest)).toBe(false);
  });

  it.each(['full', 'blocked'] as const)('is not remembered where storage is %s, and nothing throws', (kind) => {
    installStorage(kind);
    expect(() => rememberNo(site, digest, 6 * hour)).not.toThrow();
    expect(rememberedNo(site, digest)).toBe(false);
    expect(() => forgetNo(site)).not.toThrow();
  });
});
