import { describe, expect, it } from 'vitest';
import { addScore, bandOf, bandOfCategory, categoryName, emptyTally, headline, isOnScale, type ScoreTally } from './scores.ts';

const tally = (low: number, middle: number, high: number, sum = 0, sumOfSquares = 0): ScoreTally => ({
  low,
  middle,
  high,
  sum,
  sumOfSquares,
});

const tallyOf = (type: 'nps' | 'csat' | 'ces', scores: number[]) =>
  scores.reduce((acc, score) => addScore(acc, type, score), emptyTally());

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
    // var = 0.63 − 0.17² = 0.6011; 1.96 × √(0.6011 / 100) × 100 = 15.196…
    expect(result.marginOfError).toBe(15.2);
  });

  it('is 30 for 15 / 40 / 45', () => {
    expect(headline('nps', tally(15, 40, 45)).score).toBe(30);
  });

  it('is null with no responses', () => {
    expect(headline('nps', emptyTally())).toEqual({ score: null, marginOfError: null, responses: 0 });
  });

  it('is 100 or −100 with a margin of 0 when everyone agrees', () => {
    expect(headline('nps', tally(0, 0, 7))).toEqual({ score: 100, marginOfError: 0, responses: 7 });
    expect(headline('nps', tally(3, 0, 0))).toEqual({ score: -100, marginOfError: 0, responses: 3 });
    expect(headline('nps', tally(0, 5, 0))).toEqual({ score: 0, marginOfError: 0, responses: 5 });
  });

  it('counts scores into the right bands', () => {
    expect(headline('nps', tallyOf('nps', [10, 9, 8, 0])).score).toBe(25);
  });
});

describe('CSAT', () => {
  it('is the share of 4s and 5s', () => {
    const result = headline('csat', tallyOf('csat', [5, 4, 4, 3, 1]));
    expect(result.score).toBe(60);
    // p = 0.6: 1.96 × √(0.24 / 5) × 100 = 42.94…
    expect(result.marginOfError).toBe(42.9);
  });

  it('is 0 when nobody is satisfied', () => {
    expect(headline('csat', tallyOf('csat', [1, 2, 3])).score).toBe(0);
  });
});

describe('CES', () => {
  it('is the mean score', () => {
    const result = headline('ces', tallyOf('ces', [7, 6, 5, 2]));
    expect(result.score).toBe(5);
    // population variance = (49+36+25+4)/4 − 25 = 3.5; 1.96 × √(3.5 / 4) = 1.833…
    expect(result.marginOfError).toBe(1.83);
  });

  it('has no margin when every answer is the same', () => {
    expect(headline('ces', tallyOf('ces', [4, 4, 4]))).toEqual({ score: 4, marginOfError: 0, responses: 3 });
  });
});
