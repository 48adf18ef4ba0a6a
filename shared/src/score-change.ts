import { responsesIn, type ScoreTally, type SurveyType, scales } from './scores.ts';

/** A score's change between two periods, as `GET /v1/scores` answers it. */
export interface ScoreChange {
  /** Now less before: points for NPS and CSAT, the scale's units for CES. */
  points: number;
  /** Half-width of the difference's 95% interval, in the same unit. */
  marginOfError: number;
  /** The change is more than chance: a two-sample z-test, two-sided, at 95%. */
  significant: boolean;
  /** "up 8 points, more than chance", "down 2 points, within the margin". */
  words: string;
}

const z95 = 1.96;
const round = (value: number, digits: number) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor + 0;
};

/**
 * The raw headline (in 0–1 for NPS and CSAT) and the variance of its estimate, adjusted as the
 * period's own margin is so that a period whose answers all agree still has a spread: adjusted Wald
 * for NPS (¾ added to promoters and detractors, 3 to n), Agresti–Caffo for the CSAT proportion (one
 * high and one other answer added), and one score at each end of the scale for the CES mean.
 */
export function estimate(type: SurveyType, tally: ScoreTally): { score: number; variance: number } {
  const n = responsesIn(tally);
  if (type === 'nps') {
    const m = n + 3;
    const promoters = (tally.high + 0.75) / m;
    const detractors = (tally.low + 0.75) / m;
    const nps = promoters - detractors;
    return { score: (tally.high - tally.low) / n, variance: (promoters + detractors - nps * nps) / m };
  }
  if (type === 'csat') {
    const m = n + 2;
    const share = (tally.high + 1) / m;
    return { score: tally.high / n, variance: (share * (1 - share)) / m };
  }
  const { min, max } = scales.ces;
  const m = n + 2;
  const mean = (tally.sum + min + max) / m;
  const variance = Math.max(0, (tally.sumOfSquares + min * min + max * max) / m - mean * mean);
  return { score: tally.sum / n, variance: variance / m };
}

function describe(type: SurveyType, points: number, significant: boolean): string {
  const size = Math.abs(points);
  const unit = type === 'ces' ? '' : size === 1 ? ' point' : ' points';
  const direction = points > 0 ? `up ${size}${unit}` : points < 0 ? `down ${size}${unit}` : 'no change';
  return `${direction}, ${significant ? 'more than chance' : 'within the margin'}`;
}

/**
 * How the score moved from `before` to `now` (both with responses): the difference, its 95% margin
 * 1.96·√(se₁² + se₂²), and whether a two-sample z-test finds it more than chance.
 */
export function scoreChange(type: SurveyType, before: ScoreTally, now: ScoreTally): ScoreChange {
  const a = estimate(type, before);
  const b = estimate(type, now);
  const difference = b.score - a.score;
  const margin = z95 * Math.sqrt(a.variance + b.variance);
  const significant = Math.abs(difference) > margin;
  const [scale, digits] = type === 'ces' ? [1, 2] : [100, 1];
  const points = round(difference * scale, digits);
  return { points, marginOfError: round(margin * scale, digits), significant, words: describe(type, points, significant) };
}

/** Why two periods are not compared: none before, or fewer than `minSample` responses in either. */
export function noChangeReason(now: number, before: number, minSample: number): string | null {
  if (before === 0) return 'no responses in the previous period';
  const few = (count: number) => count < minSample;
  if (few(now) && few(before)) return `fewer than ${minSample} responses in this period (${now}) and in the previous period (${before})`;
  if (few(now)) return `fewer than ${minSample} responses in this period (${now})`;
  if (few(before)) return `fewer than ${minSample} responses in the previous period (${before})`;
  return null;
}
