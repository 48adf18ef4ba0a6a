/** One timestamp format in every delivery and answer: ISO 8601 in UTC with milliseconds and `Z`. */
export function isoTimestamp(value: unknown): string {
  return (value instanceof Date ? value : new Date(value as string)).toISOString();
}
