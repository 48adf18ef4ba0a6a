import type { SurveyType } from '@tenpoint/shared';

/** A score of any type: each has its own headline and counts (the answers are a union on `type`). */
type Scored = Partial<Record<'nps' | 'csat' | 'ces', number | null> & Record<'promoters' | 'passives' | 'detractors' | 'low' | 'middle' | 'high', number>>;

/** The headline under the survey type's own name. */
export const headlineOf = (answer: Scored): number | null => answer.nps ?? answer.csat ?? answer.ces ?? null;

export function formatScore(type: SurveyType, score: number | null | undefined): string {
  if (score === null || score === undefined) return '–';
  if (type === 'csat') return `${score}%`;
  return type === 'ces' ? score.toFixed(2) : String(score);
}

/** The three categories, named as the survey type names them, best first. */
export function countsOf(answer: Scored): Array<{ name: string; band: 'high' | 'middle' | 'low'; value: number }> {
  if (answer.promoters !== undefined) {
    return [
      { name: 'Promoters', band: 'high', value: answer.promoters ?? 0 },
      { name: 'Passives', band: 'middle', value: answer.passives ?? 0 },
      { name: 'Detractors', band: 'low', value: answer.detractors ?? 0 },
    ];
  }
  return [
    { name: 'High', band: 'high', value: answer.high ?? 0 },
    { name: 'Middle', band: 'middle', value: answer.middle ?? 0 },
    { name: 'Low', band: 'low', value: answer.low ?? 0 },
  ];
}
