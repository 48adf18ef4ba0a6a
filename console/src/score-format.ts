import { type Band, bands, countName, type SurveyType } from '@tenpoint/shared/scores';

/** A score of any type: each has its own headline and counts (the answers are a union on `type`). */
type Scored = Partial<Record<SurveyType, number | null> & Record<ReturnType<typeof countName>, number>>;

/** The headline under the survey type's own name. */
export const headlineOf = (answer: Scored): number | null => answer.nps ?? answer.csat ?? answer.ces ?? null;

export function formatScore(type: SurveyType, score: number | null | undefined): string {
  if (score === null || score === undefined) return '–';
  if (type === 'csat') return `${score}%`;
  return type === 'ces' ? score.toFixed(2) : String(score);
}

/** The three counts, named as the survey type names them (Promoters, or High), best first. */
export function countsOf(type: SurveyType, answer: Scored): Array<{ name: string; band: Band; value: number }> {
  return [...bands].reverse().map((band) => {
    const field = countName(type, band);
    return { name: field[0]!.toUpperCase() + field.slice(1), band, value: answer[field] ?? 0 };
  });
}
