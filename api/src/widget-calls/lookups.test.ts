import { describe, expect, it } from 'vitest';
import { createTtlCache } from './lookups.ts';

describe('createTtlCache', () => {
  it('loads once per key while fresh, again once expired', async () => {
    let time = 0;
    let loads = 0;
    const cache = createTtlCache<number>(1000, () => time);
    const load = async () => ++loads;
    expect(await Promise.all([cache.get('a', load), cache.get('a', load)])).toEqual([1, 1]);
    time = 999;
    expect(await cache.get('a', load)).toBe(1);
    expect(await cache.get('b', load)).toBe(2);
    time = 1000;
    expect(await cache.get('a', load)).toBe(3);
  });

  it('does not keep a failed load', async () => {
    const cache = createTtlCache<string>(1000, () => 0);
    await expect(cache.get('a', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('a', async () => 'back')).toBe('back');
  });

  it('keeps nothing with a ttl of 0', async () => {
    let loads = 0;
    const cache = createTtlCache<number>(0, () => 0);
    await cache.get('a', async () => ++loads);
    expect(await cache.get('a', async () => ++loads)).toBe(2);
  });
});
