import type { PersonRecord } from './person.tsx';

export interface HistoryEntry {
  id: string;
  kind: 'response' | 'decline' | 'impression';
  surveyId: string;
  at: string;
  url?: string | null | undefined;
  score?: number;
  category?: string;
  comment?: string | null;
}

/** Every showing, answer and dismissal, newest first. */
export function historyOf(record: PersonRecord): HistoryEntry[] {
  const entries: HistoryEntry[] = [
    ...record.impressions.map((shown) => ({
      id: shown.id,
      kind: 'impression' as const,
      surveyId: shown.surveyId,
      at: shown.shownAt,
      url: shown.url,
    })),
    ...record.responses.map((answer) => ({
      id: answer.id,
      kind: 'response' as const,
      surveyId: answer.surveyId,
      at: answer.createdAt,
      url: answer.url,
      score: answer.score,
      category: answer.category,
      comment: answer.comment,
    })),
    ...record.declines.map((closed) => ({ id: closed.id, kind: 'decline' as const, surveyId: closed.surveyId, at: closed.createdAt })),
  ];
  return entries.sort((a, b) => b.at.localeCompare(a.at));
}
