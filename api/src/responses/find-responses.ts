import type { ResponsesQuery, StoredResponse, Traits } from '@tenpoint/shared';
import { bandOfCategory, bands, categoryName, type Band } from '@tenpoint/shared/scores';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { rowsOf, toDate } from '../db/rows.ts';
import type { Survey } from '../db/schema/index.ts';
import { ApiError } from '../errors.ts';
import { traitSegment } from '../scores/segments.ts';
import type { ScoreQuery } from '../scores/score-query.ts';

export interface ResponseFilter extends Pick<ScoreQuery, 'siteId' | 'survey' | 'start' | 'end' | 'traits'> {
  category?: string | undefined;
  hasComment?: boolean | undefined;
  text?: string | undefined;
  sort: ResponsesQuery['sort'];
  includeTest?: boolean | undefined;
}

/** Where a page ends: the sort key of its last row, as an opaque string. */
const cursorSchema = z
  .object({
    score: z.int().min(0).max(10).optional(),
    // As findResponses writes it: UTC to the microsecond, within the dates the API reads.
    createdAt: z.string().regex(/^(19\d\d|2[01]\d\d)-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/).refine((text) => isRealInstant(text)),
    id: z.uuid(),
  })
  .strict();
type Cursor = z.infer<typeof cursorSchema>;

/** Whether a date-time names a moment as written: 2026-02-30 is no day, though Date.parse reads it as 2 March. */
const isRealInstant = (text: string) => {
  const time = Date.parse(text);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 19) === text.slice(0, 19);
};

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decodeCursor(text: string): Cursor {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    json = undefined;
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) throw new ApiError('invalid_request', 'cursor: must be the nextCursor of an earlier page');
  return parsed.data;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

function conditions(filter: ResponseFilter): SQL {
  const parts = [sql`site_id = ${filter.siteId}`, sql`survey_id = ${filter.survey.id}`];
  if (!filter.includeTest) parts.push(sql`not test`);
  if (filter.start) parts.push(sql`created_at >= ${filter.start.toISOString()}`);
  if (filter.end) parts.push(sql`created_at < ${filter.end.toISOString()}`);
  for (const [name, value] of Object.entries(filter.traits)) parts.push(sql`${traitSegment(name)} = ${value}`);
  if (filter.category !== undefined) {
    const band = bandOfCategory(filter.survey.type, filter.category);
    const [first, second, third] = bands.map((each) => categoryName(filter.survey.type, each));
    const names = `${first}, ${second} or ${third}`;
    if (!band) throw new ApiError('invalid_request', `category: must be ${names} for this ${filter.survey.type.toUpperCase()} survey`);
    parts.push(sql`band = ${band}`);
  }
  if (filter.hasComment === true) parts.push(sql`comment is not null and comment <> ''`);
  if (filter.hasComment === false) parts.push(sql`(comment is null or comment = '')`);
  if (filter.text) parts.push(sql`comment ilike ${`%${escapeLike(filter.text)}%`}`);
  return sql.join(parts, sql` and `);
}

function after(filter: ResponseFilter, cursor: Cursor): SQL {
  if (filter.sort === 'score') {
    return sql`(score, created_at, id) > (${cursor.score ?? -1}, ${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`;
  }
  return sql`(created_at, id) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`;
}

function storedResponse(survey: Survey, row: Record<string, unknown>): StoredResponse {
  return {
    id: String(row.id),
    surveyId: String(row.survey_id),
    score: Number(row.score),
    category: categoryName(survey.type, row.band as Band),
    comment: (row.comment as string | null) ?? null,
    locale: (row.locale as string | null) ?? null,
    url: (row.url as string | null) ?? null,
    user: { userId: String(row.user_id), traits: (row.user_traits as Traits) ?? {} },
    account: row.account_id === null ? null : { id: String(row.account_id), traits: (row.account_traits as Traits) ?? {} },
    createdAt: toDate(row.created_at)!.toISOString(),
    updatedAt: toDate(row.updated_at)!.toISOString(),
    test: row.test === true,
  };
}

/** One page of responses in the filter's order, and the cursor of the next page. */
export async function findResponses(
  db: Database,
  filter: ResponseFilter,
  page: { cursor?: string | undefined; limit: number },
): Promise<{ data: StoredResponse[]; nextCursor: string | null }> {
  const cursor = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
  const order = filter.sort === 'score' ? sql`score asc, created_at asc, id asc` : sql`created_at desc, id desc`;
  const rows = rowsOf(
    await db.execute(sql`
      select id, survey_id, score, band, comment, locale, url, user_id, user_traits, account_id, account_traits, created_at, updated_at, test,
        -- To the microsecond, so that the next page starts exactly after this one.
        to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as exact_created_at
      from responses
      where ${conditions(filter)} ${cursor ? sql`and ${after(filter, cursor)}` : sql``}
      order by ${order}
      limit ${page.limit + 1}`),
  );
  const data = rows.slice(0, page.limit).map((row) => storedResponse(filter.survey, row));
  const last = rows[page.limit - 1];
  const nextCursor =
    rows.length > page.limit && last
      ? encodeCursor({ createdAt: String(last.exact_created_at), id: String(last.id), ...(filter.sort === 'score' ? { score: Number(last.score) } : {}) })
      : null;
  return { data, nextCursor };
}
