import { describe, expect, it } from 'vitest';
import { noChangeReason, scoreChange } from './score-change.ts';
import { addScore, emptyTally, type SurveyType } from './scores.ts';

/** A tally of `times` answers of each score. */
function tallyOf(type: SurveyType, counts: Record<number, number>) {
  const tally = emptyTally();
  for (const [score, times] of Object.entries(counts)) for (let i = 0; i < times; i++) addScore(tally, type, Number(score));
  return tally;
}

describe('scoreChange', () => {
  it('finds NPS 0 → 37.5 more than chance (adjusted Wald variances, z-test)', () => {
    // Before: 10 promoters, 20 passives, 10 detractors of 40. m = 43, p = d = 10.75/43 = 0.25, variance = 0.5/43.
    // Now: 20, 15, 5. p = 20.75/43, d = 5.75/43, centre 15/43; variance = (26.5/43 − (15/43)²)/43.
    // Margin = 1.96·√(0.011628 + 0.011502) = 0.29809 → 29.8 points; 37.5 > 29.8.
    const change = scoreChange('nps', tallyOf('nps', { 10: 10, 8: 20, 0: 10 }), tallyOf('nps', { 9: 20, 7: 15, 3: 5 }));
    expect(change).toEqual({ points: 37.5, marginOfError: 29.8, significant: true, words: 'up 37.5 points, more than chance' });
  });

  it('finds NPS 10 → 15 within the margin', () => {
    // Before 12/20/8 of 40: margin terms 0.011472 and 0.012213; 1.96·√0.023685 = 0.30163.
    const change = scoreChange('nps', tallyOf('nps', { 10: 12, 7: 20, 6: 8 }), tallyOf('nps', { 10: 14, 7: 18, 6: 8 }));
    expect(change).toEqual({ points: 5, marginOfError: 30.2, significant: false, words: 'up 5 points, within the margin' });
  });

  it('compares CSAT shares with the Agresti–Caffo interval', () => {
    // 24 of 40 → 36 of 40 high. Shares (25/42, 37/42); variances s(1 − s)/42; 1.96·√(0.005669 + 0.002565) = 0.17785.
    const change = scoreChange('csat', tallyOf('csat', { 5: 24, 2: 16 }), tallyOf('csat', { 4: 36, 1: 4 }));
    expect(change).toEqual({ points: 30, marginOfError: 17.8, significant: true, words: 'up 30 points, more than chance' });
  });

  it('compares CES means in the scale’s units', () => {
    // 5.5 → 5.45; each mean's variance with a 1 and a 7 added, over 42: margin 0.37.
    const change = scoreChange('ces', tallyOf('ces', { 5: 20, 6: 20 }), tallyOf('ces', { 5: 22, 6: 18 }));
    expect(change).toEqual({ points: -0.05, marginOfError: 0.37, significant: false, words: 'down 0.05, within the margin' });
  });

  it('says one point, and no change', () => {
    const same = tallyOf('nps', { 10: 5, 0: 5 });
    expect(scoreChange('nps', same, same).words).toBe('no change, within the margin');
    const before = tallyOf('nps', { 10: 50, 7: 50 });
    expect(scoreChange('nps', before, tallyOf('nps', { 10: 51, 7: 49 })).words).toBe('up 1 point, within the margin');
  });
});

describe('noChangeReason', () => {
  it('names the period short of answers', () => {
    expect(noChangeReason(40, 0, 30)).toBe('no responses in the previous period');
    expect(noChangeReason(40, 12, 30)).toBe('fewer than 30 responses in the previous period (12)');
    expect(noChangeReason(5, 40, 30)).toBe('fewer than 30 responses in this period (5)');
    expect(noChangeReason(40, 40, 30)).toBeNull();
  });
});
