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
export function bandOf(type: SurveyType, score: number): Band {
  const { lowMax, middleMax } = scales[type];
  if (score <= lowMax) return 'low';
  return score <= middleMax ? 'middle' : 'high';
}

/** The public name of a band: detractor/passive/promoter for NPS, low/middle/high otherwise. */
export function categoryName(type: SurveyType, band: Band): Category {
  return type === 'nps' ? npsCategoryNames[band] : band;
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
  responses: number;
}

const z95 = 1.96;
const round = (value: number, digits: number) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor + 0; // + 0 turns -0 into 0
};

/** The headline score of docs/contract.md §2 and its margin of error, from a tally. */
export function headline(type: SurveyType, tally: ScoreTally): Headline {
  const n = responsesIn(tally);
  if (n === 0) return { score: null, marginOfError: null, responses: 0 };
  if (type === 'ces') {
    const mean = tally.sum / n;
    const variance = Math.max(0, tally.sumOfSquares / n - mean * mean);
    return { score: round(mean, 2), marginOfError: round(z95 * Math.sqrt(variance / n), 2), responses: n };
  }
  // NPS: per-response values +1/0/−1; CSAT: 1 for high, 0 otherwise. Both as percentages.
  const mean = type === 'nps' ? (tally.high - tally.low) / n : tally.high / n;
  const meanOfSquares = type === 'nps' ? (tally.high + tally.low) / n : tally.high / n;
  const variance = Math.max(0, meanOfSquares - mean * mean);
  return {
    score: round(mean * 100, 1),
    marginOfError: round(z95 * Math.sqrt(variance / n) * 100, 1),
    responses: n,
  };
}
