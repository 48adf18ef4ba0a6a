export const surveyTypes = ['nps', 'csat', 'ces'] as const;
export type SurveyType = (typeof surveyTypes)[number];

/** The three bands every scale is cut into; NPS calls them detractor, passive and promoter. */
export const bands = ['low', 'middle', 'high'] as const;
export type Band = (typeof bands)[number];

export interface Scale {
  min: number;
  max: number;
  /** Highest score of the low band and of the middle band. */
  lowMax: number;
  middleMax: number;
}

export const scales: Record<SurveyType, Scale> = {
  nps: { min: 0, max: 10, lowMax: 6, middleMax: 8 },
  csat: { min: 1, max: 5, lowMax: 2, middleMax: 3 },
  ces: { min: 1, max: 7, lowMax: 3, middleMax: 5 },
};

const npsCategoryNames = { low: 'detractor', middle: 'passive', high: 'promoter' } as const;
export type NpsCategory = (typeof npsCategoryNames)[Band];
export type Category = NpsCategory | Band;

/** Whether `score` is a whole number on the survey type's scale. */
export function isOnScale(type: SurveyType, score: number): boolean {
  const { min, max } = scales[type];
  return Number.isInteger(score) && score >= min && score <= max;
}

/** The band a score falls in; the score must be on the scale. */
export const bandOf = (type: SurveyType, score: number): Band => bandOnScale(scales[type], score);

/** The band a score falls in on a scale as the widget gets it with its survey; the score must be on the scale. */
export function bandOnScale({ lowMax, middleMax }: Scale, score: number): Band {
  if (score <= lowMax) return 'low';
  return score <= middleMax ? 'middle' : 'high';
}

/** The public name of a band: detractor/passive/promoter for NPS, low/middle/high otherwise. */
export function categoryName(type: SurveyType, band: Band): Category {
  return type === 'nps' ? npsCategoryNames[band] : band;
}

/** The name of a band's count in the score answers: detractors/passives/promoters for NPS, low/middle/high otherwise. */
export function countName(type: SurveyType, band: Band): `${NpsCategory}s` | Band {
  return type === 'nps' ? `${npsCategoryNames[band]}s` : band;
}

/** The band a public category name stands for, or undefined when the name does not fit the type. */
export function bandOfCategory(type: SurveyType, category: string): Band | undefined {
  if (type === 'nps') return bands.find((band) => npsCategoryNames[band] === category);
  return bands.find((band) => band === category);
}

/** Additive counts of responses: tallies of several days or accounts simply add up. */
export interface ScoreTally {
  low: number;
  middle: number;
  high: number;
  /** Sum of the scores and of their squares, for the CES mean and its variance. */
  sum: number;
  sumOfSquares: number;
}

export const emptyTally = (): ScoreTally => ({ low: 0, middle: 0, high: 0, sum: 0, sumOfSquares: 0 });

/** Adds one score to a tally in place and returns it. */
export function addScore(tally: ScoreTally, type: SurveyType, score: number): ScoreTally {
  tally[bandOf(type, score)] += 1;
  tally.sum += score;
  tally.sumOfSquares += score * score;
  return tally;
}

export const responsesIn = (tally: ScoreTally): number => tally.low + tally.middle + tally.high;

export interface Headline {
  /** NPS from −100 to 100, CSAT percentage, or CES mean; null with no responses. */
  score: number | null;
  /** Half-width of the 95% confidence interval, in the headline's own unit; null with no responses. */
  marginOfError: number | null;
  /** The 95% confidence interval itself, within the scale's bounds; null with no responses. */
  confidenceInterval: { low: number; high: number } | null;
  responses: number;
}

const z95 = 1.96;
const round = (value: number, digits: number) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor + 0; // + 0 turns -0 into 0
};

/**
 * A 95% interval that stays honest on a handful of responses and when they all agree (where the
 * plain Wald interval says ±0): adjusted Wald for NPS (Rocks 2016: ¾ added to promoters and to
 * detractors, 3 to n), Wilson for the CSAT proportion, and for the CES mean one score added at
 * each end of the scale. Centre and half-width, in the headline's unit over 100 (NPS, CSAT) or 1 (CES).
 */
function interval(type: SurveyType, tally: ScoreTally, n: number): { centre: number; half: number } {
  if (type === 'nps') {
    const m = n + 3;
    const promoters = (tally.high + 0.75) / m;
    const detractors = (tally.low + 0.75) / m;
    const centre = promoters - detractors;
    return { centre, half: z95 * Math.sqrt(Math.max(0, promoters + detractors - centre * centre) / m) };
  }
  if (type === 'csat') {
    const p = tally.high / n;
    const z2 = z95 * z95;
    const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    return { centre, half: (z95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n)) };
  }
  const { min, max } = scales.ces;
  const m = n + 2;
  const centre = (tally.sum + min + max) / m;
  const variance = Math.max(0, (tally.sumOfSquares + min * min + max * max) / m - centre * centre);
  return { centre, half: z95 * Math.sqrt(variance / m) };
}

/** The headline score of docs/contract.md §2 and its 95% confidence interval, from a tally. */
export function headline(type: SurveyType, tally: ScoreTally): Headline {
  const n = responsesIn(tally);
  if (n === 0) return { score: null, marginOfError: null, confidenceInterval: null, responses: 0 };
  const { centre, half } = interval(type, tally, n);
  if (type === 'ces') {
    const { min, max } = scales.ces;
    const low = round(Math.max(min, centre - half), 2);
    const high = round(Math.min(max, centre + half), 2);
    return { score: round(tally.sum / n, 2), marginOfError: round(half, 2), confidenceInterval: { low, high }, responses: n };
  }
  // NPS: promoters less detractors; CSAT: the share of high scores. Both as percentages.
  const score = type === 'nps' ? (tally.high - tally.low) / n : tally.high / n;
  const floor = type === 'nps' ? -1 : 0;
  return {
    score: round(score * 100, 1),
    marginOfError: round(half * 100, 1),
    confidenceInterval: { low: round(Math.max(floor, centre - half) * 100, 1), high: round(Math.min(1, centre + half) * 100, 1) },
    responses: n,
  };
}

/** Whole percentages of `counts` that add up to 100 (largest remainder), or all 0 when there are none. */
export function wholePercentages(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return counts.map(() => 0);
  const exact = counts.map((count) => (count / total) * 100);
  const whole = exact.map(Math.floor);
  let left = 100 - whole.reduce((sum, value) => sum + value, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - whole[index]! }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left-- <= 0) break;
    whole[index]! += 1;
  }
  return whole;
}
