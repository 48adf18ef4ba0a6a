import type { Traits } from '@tenpoint/shared';

/** What `GET /v1/users` answers: everything stored about one person. */
export interface PersonRecord {
  user: {
    userId: string;
    email: string | null;
    accountId: string | null;
    traits: Traits;
    locale: string | null;
    signedUpAt: string | null;
    firstSeenAt: string;
    lastSeenAt: string;
  } | null;
  account: { accountId: string; name: string | null; traits: Traits } | null;
  responses: Array<{
    id: string;
    surveyId: string;
    score: number;
    category: string;
    comment: string | null;
    url: string | null;
    createdAt: string;
  }>;
  declines: Array<{ id: string; surveyId: string; url: string | null; createdAt: string }>;
  impressions: Array<{ id: string; surveyId: string; shownAt: string; url: string | null }>;
  webhookDeliveries: unknown[];
}

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
    ...record.declines.map((closed) => ({
      id: closed.id,
      kind: 'decline' as const,
      surveyId: closed.surveyId,
      at: closed.createdAt,
      url: closed.url,
    })),
  ];
  return entries.sort((a, b) => b.at.localeCompare(a.at));
}
