import { describe, expect, it } from 'vitest';
import {
  addScore,
  bandOf,
  bandOfCategory,
  bandOnScale,
  categoryName,
  countName,
  emptyTally,
  headline,
  isOnScale,
  type ScoreTally,
  scales,
  wholePercentages,
} from './scores.ts';

const tally = (low: number, middle: number, high: number, sum = 0, sumOfSquares = 0): ScoreTally => ({
  low,
  middle,
  high,
  sum,
  sumOfSquares,
});

const tallyOf = (type: 'nps' | 'csat' | 'ces', scores: number[]) => scores.reduce((acc, score) => addScore(acc, type, score), emptyTally());

describe('bands', () => {
  it('cuts NPS at 6 and 8', () => {
    const names = [0, 6, 7, 8, 9, 10].map((score) => categoryName('nps', bandOf('nps', score)));
    expect(names).toEqual(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
  });

  it('cuts CSAT at 2 and 3, CES at 3 and 5', () => {
    expect([1, 2, 3, 4, 5].map((score) => bandOf('csat', score))).toEqual(['low', 'low', 'middle', 'high', 'high']);
    expect([1, 3, 4, 5, 6, 7].map((score) => bandOf('ces', score))).toEqual(['low', 'low', 'middle', 'middle', 'high', 'high']);
  });

  it('knows each scale', () => {
    expect([isOnScale('nps', 0), isOnScale('nps', 10), isOnScale('nps', 11), isOnScale('nps', 9.5)]).toEqual([true, true, false, false]);
    expect([isOnScale('csat', 0), isOnScale('csat', 5), isOnScale('ces', 7), isOnScale('ces', 8)]).toEqual([false, true, true, false]);
  });

  it('cuts a scale given as the widget gets it from the API as the survey type cuts it', () => {
    for (const type of ['nps', 'csat', 'ces'] as const) {
      const { min, max } = scales[type];
      for (let score = min; score <= max; score++) expect(bandOnScale(scales[type], score), `${type} ${score}`).toBe(bandOf(type, score));
    }
    expect(bandOnScale({ min: 0, max: 4, lowMax: 1, middleMax: 2 }, 2)).toBe('middle');
    expect(bandOnScale({ min: 0, max: 4, lowMax: 1, middleMax: 2 }, 3)).toBe('high');
  });

  it("names each band's count as the API's score answers do", () => {
    expect((['low', 'middle', 'high'] as const).map((band) => countName('nps', band))).toEqual(['detractors', 'passives', 'promoters']);
    expect((['low', 'middle', 'high'] as const).map((band) => countName('ces', band))).toEqual(['low', 'middle', 'high']);
  });

  it('maps public category names back to bands', () => {
    expect(bandOfCategory('nps', 'promoter')).toBe('high');
    expect(bandOfCategory('nps', 'high')).toBeUndefined();
    expect(bandOfCategory('csat', 'low')).toBe('low');
  });
});

describe('NPS', () => {
  it('is 17 for 23 detractors, 37 passives and 40 promoters', () => {
    const result = headline('nps', tally(23, 37, 40));
    expect(result.score).toBe(17);
    expect(result.responses).toBe(100);
    // Adjusted Wald: n = 103, promoters 40.75, detractors 23.75; 1.96 × √(0.59897 / 103) × 100 = 14.95…
    expect(result.marginOfError).toBe(14.9);
    expect(result.confidenceInterval).toEqual({ low: 1.6, high: 31.5 });
  });

  it('is 30 for 15 / 40 / 45', () => {
    expect(headline('nps', tally(15, 40, 45)).score).toBe(30);
  });

  it('is null with no responses', () => {
    expect(headline('nps', emptyTally())).toEqual({ score: null, marginOfError: null, confidenceInterval: null, responses: 0 });
  });

  it('keeps a wide margin on a few answers that all agree, within −100 to 100', () => {
    // 3 detractors: n = 6, detractors 3.75, promoters 0.75: −50 ± 56.6, cut at −100.
    expect(headline('nps', tally(3, 0, 0))).toEqual({
      score: -100,
      marginOfError: 56.6,
      confidenceInterval: { low: -100, high: 6.6 },
      responses: 3,
    });
    expect(headline('nps', tally(0, 0, 7)).marginOfError).toBeGreaterThan(30);
    expect(headline('nps', tally(0, 0, 7)).confidenceInterval!.high).toBe(100);
    expect(headline('nps', tally(0, 5, 0)).marginOfError).toBeGreaterThan(20);
    // It narrows as answers come in, and never reaches 0.
    const margins = [1, 10, 100, 1000].map((n) => headline('nps', tally(n, 0, 0)).marginOfError!);
    expect(margins).toEqual([...margins].sort((a, b) => b - a));
    expect(margins.at(-1)).toBeGreaterThan(0);
  });

  it('counts scores into the right bands', () => {
    expect(headline('nps', tallyOf('nps', [10, 9, 8, 0])).score).toBe(25);
  });
});

describe('CSAT', () => {
  it('is the share of 4s and 5s', () => {
    const result = headline('csat', tallyOf('csat', [5, 4, 4, 3, 1]));
    expect(result.score).toBe(60);
    // Wilson, p = 0.6, n = 5: centre 0.5566, half-width 0.3258
    expect(result.marginOfError).toBe(32.6);
    expect(result.confidenceInterval).toEqual({ low: 23.1, high: 88.2 });
  });

  it('is 0 when nobody is satisfied', () => {
    expect(headline('csat', tallyOf('csat', [1, 2, 3])).score).toBe(0);
  });

  it('has a margin above 0 on two answers that agree', () => {
    const result = headline('csat', tallyOf('csat', [5, 5]));
    expect(result.score).toBe(100);
    expect(result.marginOfError).toBeGreaterThan(20);
    expect(result.confidenceInterval!.high).toBe(100);
  });
});

describe('CES', () => {
  it('is the mean score', () => {
    const result = headline('ces', tallyOf('ces', [7, 6, 5, 2]));
    expect(result.score).toBe(5);
    // With one answer at each end of the scale added: n = 6, mean 4.667, variance 5.556; 1.96 × √(5.556 / 6) = 1.886…
    expect(result.marginOfError).toBe(1.89);
  });

  it('keeps a margin when every answer is the same', () => {
    const result = headline('ces', tallyOf('ces', [4, 4, 4]));
    expect(result.score).toBe(4);
    expect(result.marginOfError).toBeGreaterThan(1);
    expect(result.confidenceInterval!.low).toBeGreaterThanOrEqual(1);
  });
});

describe('whole percentages', () => {
  it('add up to 100 by giving the points left to the largest remainders', () => {
    expect(wholePercentages([1, 1, 1])).toEqual([34, 33, 33]);
    expect(wholePercentages([40, 37, 23])).toEqual([40, 37, 23]);
    // 33.47 / 33.47 / 33.06 rounds to 33 each (99).
    expect(wholePercentages([81, 81, 80])).toEqual([34, 33, 33]);
    expect(wholePercentages([0, 0, 0])).toEqual([0, 0, 0]);
    for (const counts of [
      [1, 2, 4],
      [7, 7, 7, 7, 7, 7],
      [1, 998, 1],
      [13, 1, 0],
    ]) {
      expect(wholePercentages(counts).reduce((sum, value) => sum + value, 0)).toBe(100);
    }
  });
});
