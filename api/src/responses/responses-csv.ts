import type { StoredResponse } from '@tenpoint/shared';
import type { Database } from '../db/client.ts';
import { findResponses, type ResponseFilter } from './find-responses.ts';

const columns = ['created_at', 'score', 'category', 'comment', 'user_id', 'account_id', 'locale', 'url', 'user_traits', 'account_traits', 'id'] as const;

/**
 * A cell a spreadsheet shows as text: quoted, and when it would start a formula (=, +, -, @, tab,
 * carriage return) prefixed with an apostrophe, so that opening the file runs nothing.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

function csvLine(response: StoredResponse): string {
  const cells = [
    response.createdAt,
    response.score,
    response.category,
    response.comment,
    response.user.userId,
    response.account?.id ?? null,
    response.locale,
    response.url,
    JSON.stringify(response.user.traits),
    JSON.stringify(response.account?.traits ?? {}),
    response.id,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The filtered responses as CSV, UTF-8 with a byte-order mark (so spreadsheets read it as UTF-8), a page at a time. */
export async function* responsesCsv(db: Database, filter: ResponseFilter): AsyncGenerator<string> {
  yield `\uFEFF${columns.join(',')}\r\n`;
  let cursor: string | undefined;
  do {
    const page = await findResponses(db, filter, { cursor, limit: 1000 });
    yield page.data.map(csvLine).join('');
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
