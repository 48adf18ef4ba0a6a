import type { StoredResponse } from '@tenpoint/shared';
import type { Database } from '../db/client.ts';
import { findResponses, type ResponseFilter } from './find-responses.ts';

const pageSize = 1000;
const columns = [
  'created_at',
  'score',
  'category',
  'comment',
  'user_id',
  'account_id',
  'locale',
  'url',
  'user_traits',
  'account_traits',
  'id',
  'imported_from',
] as const;

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
    response.importedFrom,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

const header = `\uFEFF${columns.join(',')}\r\n`;

/**
 * The filtered responses as CSV, UTF-8 with a byte-order mark (so spreadsheets read it as UTF-8), a
 * page at a time. The first page is read before this answers, so that a failure there is an error
 * answer rather than a file that looks empty.
 */
export async function responsesCsv(db: Database, filter: ResponseFilter): Promise<AsyncGenerator<string>> {
  const first = await findResponses(db, filter, { limit: pageSize });
  return (async function* () {
    yield header + first.data.map(csvLine).join('');
    let cursor = first.nextCursor ?? undefined;
    while (cursor) {
      const page = await findResponses(db, filter, { cursor, limit: pageSize });
      yield page.data.map(csvLine).join('');
      cursor = page.nextCursor ?? undefined;
    }
  })();
}
