/** One timestamp format in every delivery and answer: ISO 8601 in UTC with milliseconds and `Z`. */
export function isoTimestamp(value: unknown): string {
  return (value instanceof Date ? value : new Date(value as string)).toISOString();
}

/**
 * An event's payload with the answer's own times in that format: the outbox stores them as
 * Postgres writes JSON (`+00:00`, microseconds), older rows included.
 */
export function withIsoTimestamps(payload: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...payload };
  for (const subject of ['response', 'decline']) {
    const record = copy[subject];
    if (!record || typeof record !== 'object') continue;
    const times = Object.fromEntries(
      Object.entries(record)
        .filter(([key, value]) => key.endsWith('At') && typeof value === 'string' && !Number.isNaN(Date.parse(value)))
        .map(([key, value]) => [key, isoTimestamp(value)]),
    );
    copy[subject] = { ...record, ...times };
  }
  return copy;
}
