import { describe, expect, it } from 'vitest';
import { percentile, summarize } from './stats.ts';

describe('percentile', () => {
  it('takes the nearest rank, never interpolating between samples', () => {
    const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 99)).toBe(99);
    expect(percentile(oneToHundred, 100)).toBe(100);
    expect(percentile([7, 9], 50)).toBe(7);
    expect(percentile([7, 9], 51)).toBe(9);
  });

  it('is NaN with no samples, so that an empty phase cannot pass for a fast one', () => {
    expect(percentile([], 99)).toBeNaN();
  });
});

describe('summarize', () => {
  it('sorts numerically, not as strings, and leaves the samples as they were', () => {
    const samples = [100, 9, 20, 3, 1000, 5, 7, 2, 8, 1];
    expect(summarize(samples)).toEqual({ count: 10, p50: 7, p95: 1000, p99: 1000, max: 1000 });
    expect(samples[0]).toBe(100);
  });
});
