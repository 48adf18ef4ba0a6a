import { importFormats, type ResponsesQuery, type StoredResponse, type Traits } from '@tenpoint/shared';
import { bandOfCategory, bands, categoryName } from '@tenpoint/shared/scores';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { jsonColumn, queryRows, timestampColumn } from '../db/query-rows.ts';
import { responses, type Survey } from '../db/schema/index.ts';
import { sqlNames } from '../db/sql-names.ts';
import { ApiError } from '../errors.ts';
import { pageCursor } from '../input/page-cursor.ts';
import type { ScoreQuery } from '../scores/score-query.ts';
import { traitSegment } from '../scores/segments.ts';

export interface ResponseFilter extends Pick<ScoreQuery, 'siteId' | 'survey' | 'start' | 'end' | 'traits'> {
  category?: string | undefined;
  hasComment?: boolean | undefined;
  text?: string | undefined;
  sort: ResponsesQuery['sort'];
  /** Several surveys of `survey`'s type (`surveyIds`); `survey` alone when absent. */
  surveyIds?: string[] | undefined;
  includeTest?: boolean | undefined;
}

/** Where a page ends: the sort key of its last row, as an opaque string. */
const cursorSchema = z
  .object({
    score: z.int().min(0).max(10).optional(),
    // As findResponses writes it: UTC to the microsecond, within the dates the API reads.
    createdAt: z
      .string()
      .regex(/^(19\d\d|2[01]\d\d)-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/)
      .refine((text) => isRealInstant(text)),
    id: z.uuid(),
  })
  .strict();

/** Whether a date-time names a moment as written: 2026-02-30 is no day, though Date.parse reads it as 2 March. */
const isRealInstant = (text: string) => {
  const time = Date.parse(text);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 19) === text.slice(0, 19);
};

type Cursor = z.infer<typeof cursorSchema>;
const cursors = pageCursor(cursorSchema);

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

const r = sqlNames(responses);

function conditions(filter: ResponseFilter): SQL {
  const parts = [
    sql`${r.siteId} = ${filter.siteId}`,
    filter.surveyIds
      ? sql`${r.surveyId} in (${sql.join(
          filter.surveyIds.map((id) => sql`${id}`),
          sql`, `,
        )})`
      : sql`${r.surveyId} = ${filter.survey.id}`,
  ];
  if (!filter.includeTest) parts.push(sql`not ${r.test}`);
  if (filter.start) parts.push(sql`${r.createdAt} >= ${filter.start.toISOString()}`);
  if (filter.end) parts.push(sql`${r.createdAt} < ${filter.end.toISOString()}`);
  for (const [name, value] of Object.entries(filter.traits)) parts.push(sql`${traitSegment(name)} = ${value}`);
  if (filter.category !== undefined) {
    const band = bandOfCategory(filter.survey.type, filter.category);
    const [first, second, third] = bands.map((each) => categoryName(filter.survey.type, each));
    const names = `${first}, ${second} or ${third}`;
    if (!band) throw new ApiError('invalid_request', `category: must be ${names} for this ${filter.survey.type.toUpperCase()} survey`);
    parts.push(sql`${r.band} = ${band}`);
  }
  if (filter.hasComment === true) parts.push(sql`${r.comment} is not null and ${r.comment} <> ''`);
  if (filter.hasComment === false) parts.push(sql`(${r.comment} is null or ${r.comment} = '')`);
  if (filter.text) parts.push(sql`${r.comment} ilike ${`%${escapeLike(filter.text)}%`}`);
  return sql.join(parts, sql` and `);
}

function after(filter: ResponseFilter, cursor: Cursor): SQL {
  if (filter.sort === 'score') {
    return sql`(${r.score}, ${r.createdAt}, ${r.id}) > (${cursor.score ?? -1}, ${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`;
  }
  return sql`(${r.createdAt}, ${r.id}) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`;
}

export const responseRow = z.object({
  id: z.string(),
  surveyId: z.string(),
  score: z.number(),
  band: z.enum(bands),
  comment: z.string().nullable(),
  locale: z.string().nullable(),
  url: z.string().nullable(),
  userId: z.string(),
  userTraits: jsonColumn<Traits>(),
  accountId: z.string().nullable(),
  accountTraits: jsonColumn<Traits>(),
  createdAt: timestampColumn,
  updatedAt: timestampColumn,
  test: z.boolean(),
  importedFrom: z.enum(importFormats).nullable(),
  // To the microsecond, so that the next page starts exactly after this one.
  exactCreatedAt: z.string(),
});

const selected = sql`${r.id} as id, ${r.surveyId} as "surveyId", ${r.score} as score, ${r.band} as band, ${r.comment} as comment,
  ${r.locale} as locale, ${r.url} as url, ${r.userId} as "userId", ${r.userTraits} as "userTraits", ${r.accountId} as "accountId",
  ${r.accountTraits} as "accountTraits", ${r.createdAt} as "createdAt", ${r.updatedAt} as "updatedAt", ${r.test} as test,
  ${r.importedFrom} as "importedFrom", to_char(${r.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "exactCreatedAt"`;

/** A response row as the API answers it. */
export function storedResponse(survey: Pick<Survey, 'type'>, row: z.infer<typeof responseRow>): StoredResponse {
  return {
    id: row.id,
    surveyId: row.surveyId,
    score: row.score,
    category: categoryName(survey.type, row.band),
    comment: row.comment,
    locale: row.locale,
    url: row.url,
    user: { userId: row.userId, traits: row.userTraits },
    account: row.accountId === null ? null : { id: row.accountId, traits: row.accountTraits },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    test: row.test,
    importedFrom: row.importedFrom,
  };
}

/** One page of responses in the filter's order, and the cursor of the next page. */
export async function findResponses(
  db: Database,
  filter: ResponseFilter,
  page: { cursor?: string | undefined; limit: number },
): Promise<{ data: StoredResponse[]; nextCursor: string | null }> {
  const cursor = page.cursor === undefined ? undefined : cursors.decode(page.cursor);
  // Only a cursor of the score order holds a score.
  if (cursor && (cursor.score !== undefined) !== (filter.sort === 'score')) {
    throw new ApiError('invalid_request', 'cursor: must be the nextCursor of an earlier page in the same sort');
  }
  const order = filter.sort === 'score' ? sql`${r.score} asc, ${r.createdAt} asc, ${r.id} asc` : sql`${r.createdAt} desc, ${r.id} desc`;
  const rows = await queryRows(
    db,
    sql`
      select ${selected}
      from ${r.$table}
      where ${conditions(filter)} ${cursor ? sql`and ${after(filter, cursor)}` : sql``}
      order by ${order}
      limit ${page.limit + 1}`,
    responseRow,
  );
  const data = rows.slice(0, page.limit).map((row) => storedResponse(filter.survey, row));
  const last = rows[page.limit - 1];
  const nextCursor =
    rows.length > page.limit && last
      ? cursors.encode({ createdAt: last.exactCreatedAt, id: last.id, ...(filter.sort === 'score' ? { score: last.score } : {}) })
      : null;
  return { data, nextCursor };
}
