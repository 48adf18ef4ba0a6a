import type { Band, ResponseRequest, Traits } from '@tenpoint/shared';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { queryRows, type RawRow, read } from '../db/query-rows.ts';
import { responses } from '../db/schema/index.ts';
import { SqlText, sqlNames } from '../db/sql-names.ts';
import { sightedUsers, sightingSteps } from '../users/record-sightings.ts';

export interface ResponseWrite {
  siteId: string;
  surveyId: string;
  band: Band;
  body: ResponseRequest;
  now: Date;
  /** Given in test mode: kept out of scores and webhooks. */
  test: boolean;
}

/** `conflict`: the id is another user's or another survey's response, which stays as it was. */
export type WriteOutcome = { created: boolean; stored: { traits: Traits; accountTraits: Traits } } | 'conflict';

const responseKey = (siteId: string, id: string) => `${siteId}\u0000${id}`;

// Read on the hot path, up to 500 rows a statement: a function, not a schema, making what the
// caller answers with at once (a row answers for its first write; a later one was not the creation).
const storedOutcome = (row: RawRow): [string, Exclude<WriteOutcome, 'conflict'>] => [
  responseKey(read.text(row.siteId, 'siteId'), read.text(row.id, 'id')),
  {
    created: read.boolean(row.created, 'created'),
    stored: { traits: read.json<Traits>(row.traits, 'traits'), accountTraits: read.json<Traits>(row.accountTraits, 'accountTraits') },
  },
];

const r = sqlNames(responses);

// The statement's fixed parts, written once as text: the batch builds its statement on the hot path.

/**
 * A user all of whose responses in the batch reuse another user's or survey's response id gets a 409
 * for each of them, and nothing of theirs is written. The correlated exists looks each id up by
 * primary key, where a join would let the planner scan the table.
 */
const refusedUsers = sql.raw(`
    select input.site_id, input.user_id
    from response_input as input
    group by input.site_id, input.user_id
    having bool_and(exists (select 1 from ${r.$table} as r where r.${r.siteId} = input.site_id and r.${r.id} = input.id
      and (r.${r.userId} <> input.user_id or r.${r.surveyId} <> input.survey_id)))`);

/** The responses with a snapshot of their users' traits as just stored; then those traits, so that the caller hears of those not kept. */
const upsertResponses = new SqlText(`
    upserted_responses as (
      insert into ${r.$table} as r (${r.siteId}, ${r.id}, ${r.surveyId}, ${r.userId}, ${r.accountId}, ${r.score}, ${r.band}, ${r.comment},
        ${r.locale}, ${r.url}, ${r.userTraits}, ${r.accountTraits}, ${r.createdAt}, ${r.updatedAt}, ${r.test})
      select input.site_id, input.id, input.survey_id, input.user_id, ${sightedUsers.accountId}, input.score, input.band, input.comment,
        input.locale, input.url, ${sightedUsers.traits}, ${sightedUsers.accountTraits}, input.created_at, input.updated_at, input.test
      from response_input as input
      join ${sightedUsers.step} on ${sightedUsers.siteId} = input.site_id and ${sightedUsers.userId} = input.user_id
      on conflict (${r.siteId}, ${r.id}) do update set
        ${r.score} = excluded.${r.score},
        ${r.band} = excluded.${r.band},
        ${r.comment} = coalesce(excluded.${r.comment}, r.${r.comment}),
        ${r.updatedAt} = excluded.${r.updatedAt}
      where r.${r.userId} = excluded.${r.userId} and r.${r.surveyId} = excluded.${r.surveyId}
      returning r.${r.siteId} as site_id, r.${r.id} as id, r.${r.userId} as user_id, (r.xmax = 0) as created
    )
    select upserted_responses.site_id as "siteId", upserted_responses.id, upserted_responses.created,
      ${sightedUsers.traits} as "traits", ${sightedUsers.accountTraits} as "accountTraits"
    from upserted_responses
    join ${sightedUsers.step}
      on ${sightedUsers.siteId} = upserted_responses.site_id and ${sightedUsers.userId} = upserted_responses.user_id`);

/**
 * Stores a batch of responses and records their users, in one statement: users first, then their
 * responses. Hand-written SQL because this is the hot path: one round trip, one commit. Answers
 * each write's outcome, in order.
 */
export async function writeResponses(db: Pick<Database, 'execute'>, writes: ResponseWrite[]): Promise<WriteOutcome[]> {
  const { rows, outcomes } = mergeSends(writes);
  const sightings = writes.map(({ siteId, body, now }) => ({ siteId, user: body.user, now }));
  const stored = await queryRows(
    db,
    sql`
    with response_input as (
      select * from jsonb_to_recordset(${JSON.stringify(sortedByKey(rows))}::jsonb)
        as input(site_id uuid, id uuid, survey_id uuid, user_id text, score smallint, band text, comment text, locale text, url text,
          created_at timestamptz, updated_at timestamptz, test boolean)
    ),
    ${sightingSteps(sightings, { leaveOut: refusedUsers })},${upsertResponses}`,
    storedOutcome,
  );
  const storedByKey = new Map(stored);
  return writes.map((write, index) => {
    const outcome = storedByKey.get(responseKey(write.siteId, write.body.id));
    if (outcomes[index] === 'conflict' || outcome === undefined) return 'conflict';
    return outcomes[index] === 'again' ? { ...outcome, created: false } : outcome;
  });
}

/**
 * Several sends of one response in a batch (a retry, the comment) become one row: the last score,
 * the last comment sent. The same id from another user or survey is a conflict, as in the table.
 */
function mergeSends(writes: ResponseWrite[]) {
  const rows = new Map<string, ResponseRow>();
  const outcomes = writes.map((write): 'conflict' | 'again' | undefined => {
    const key = responseKey(write.siteId, write.body.id);
    const earlier = rows.get(key);
    const { body } = write;
    if (earlier && (earlier.user_id !== body.user.userId || earlier.survey_id !== write.surveyId)) return 'conflict';
    rows.set(key, {
      site_id: write.siteId,
      id: body.id,
      survey_id: write.surveyId,
      user_id: body.user.userId,
      score: body.score,
      band: write.band,
      comment: body.comment ?? earlier?.comment ?? null,
      locale: body.locale ?? body.user.locale ?? earlier?.locale ?? null,
      url: body.url ?? earlier?.url ?? null,
      created_at: earlier?.created_at ?? write.now.toISOString(),
      updated_at: write.now.toISOString(),
      test: write.test,
    });
    return earlier ? 'again' : undefined;
  });
  return { rows, outcomes };
}

/** Rows in key order, so that concurrent batches lock shared rows in the same order and never deadlock. */
function sortedByKey<Row>(rows: Map<string, Row>): Row[] {
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

/** One response as it travels in the statement's JSON parameter. */
interface ResponseRow {
  site_id: string;
  id: string;
  survey_id: string;
  user_id: string;
  score: number;
  band: Band;
  comment: string | null;
  locale: string | null;
  url: string | null;
  created_at: string;
  updated_at: string;
  test: boolean;
}
