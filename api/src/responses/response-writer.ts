import type { ResponseRequest, Traits } from '@tenpoint/shared';
import type { Band } from '@tenpoint/shared/scores';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import { ApiError } from '../errors.ts';
import { upsertUserSteps } from '../users/upsert-user.ts';

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

interface Pending {
  write: ResponseWrite;
  settle: (outcome: WriteOutcome | Promise<WriteOutcome>) => void;
  fail: (error: unknown) => void;
}

const maxBatch = 500;
// Two batches in flight: one gathers requests while the other commits. More made each batch smaller,
// and every statement has a fixed cost (plan, triggers, commit) whatever its size.
const maxBatchesInFlight = 2;
// Every caller of a batch this old has had its 503 from the widget deadline (1.5 s). Waiting longer,
// on a connection that may never answer again, would only hold up the answers queued behind it.
const abandonAfterMs = 2_000;
// After a batch was abandoned, answers count as unwritable until one commits, or this long at most,
// so that readiness comes back even when no traffic arrives to prove it.
const unwritableForMs = 10_000;

/**
 * Stores responses in shared commits: while batches are being committed the next requests queue
 * up, and all of them go in the next one. Each caller hears back only after its own commit; the
 * callers of a batch that takes too long get a 503, and their retries with the same id update the
 * row that batch may still write.
 */
export function createResponseWriter(db: Database) {
  let queue: Pending[] = [];
  let inFlight = 0;
  let abandonedAt: number | null = null;

  const writeAlone = async (write: ResponseWrite) => (await writeBatch(db, [write]))[0]!;

  const commit = async (batch: Pending[]) => {
    let timer: NodeJS.Timeout | undefined;
    const abandoned = new Promise<'abandoned'>((resolve) => {
      timer = setTimeout(resolve, abandonAfterMs, 'abandoned');
    });
    const written = writeBatch(db, batch.map((pending) => pending.write));
    try {
      const outcomes = await Promise.race([written, abandoned]);
      if (outcomes === 'abandoned') {
        abandonedAt = performance.now();
        written.catch(() => {});
        const error = new ApiError('unavailable', `answers could not be stored within ${abandonAfterMs / 1000} s; try again shortly`, 5);
        for (const pending of batch) pending.fail(error);
        return;
      }
      abandonedAt = null;
      batch.forEach((pending, index) => pending.settle(outcomes[index]!));
    } catch (error) {
      // One bad answer must not sink its neighbours: alone, each succeeds or fails on its own.
      if (batch.length === 1) batch[0]!.fail(error);
      else for (const pending of batch) pending.settle(writeAlone(pending.write));
    } finally {
      clearTimeout(timer);
    }
  };

  const flush = async () => {
    inFlight++;
    while (queue.length) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      await commit(batch);
    }
    inFlight--;
  };

  return {
    write(write: ResponseWrite): Promise<WriteOutcome> {
      return new Promise((settle, fail) => {
        queue.push({ write, settle, fail });
        if (inFlight < maxBatchesInFlight) void flush();
      });
    },
    /** False while answers cannot be stored in time: readiness reports it. */
    writable(): boolean {
      return abandonedAt === null || performance.now() - abandonedAt > unwritableForMs;
    },
  };
}

export type ResponseWriter = ReturnType<typeof createResponseWriter>;

const responseKey = (write: ResponseWrite) => `${write.siteId}\u0000${write.body.id}`;

async function writeBatch(db: Database, writes: ResponseWrite[]): Promise<WriteOutcome[]> {
  // Several sends of one response in a batch (a retry, the comment) become one row: the last score,
  // the last comment sent. The same id from another user or survey is a conflict, as in the table.
  const rows = new Map<string, ResponseRow>();
  const outcomes = writes.map((write): 'conflict' | 'again' | undefined => {
    const key = responseKey(write);
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

  // One statement for the whole batch: people first, then their responses with a snapshot of the
  // traits just stored. Hand-written SQL because this is the hot path: one round trip, one commit.
  const responsesJson = JSON.stringify(sortedByKey(rows));
  // A user all of whose answers in the batch reuse another user's or survey's response id gets a 409
  // for each of them, and nothing of theirs is written. The correlated exists looks each id up by
  // primary key, where a join would let the planner scan the table.
  const refusedUsers = sql`
    select input.site_id, input.user_id
    from response_input as input
    group by input.site_id, input.user_id
    having bool_and(exists (select 1 from responses r where r.site_id = input.site_id and r.id = input.id
      and (r.user_id <> input.user_id or r.survey_id <> input.survey_id)))`;
  const people = writes.map(({ siteId, body, now }) => ({ siteId, user: body.user, now }));
  const result = await db.execute(sql`
    with response_input as (
      select * from jsonb_to_recordset(${responsesJson}::jsonb)
        as input(site_id uuid, id uuid, survey_id uuid, user_id text, score smallint, band text, comment text, locale text, url text,
          created_at timestamptz, updated_at timestamptz, test boolean)
    ),
    ${upsertUserSteps(people, { leaveOut: refusedUsers })},
    upserted_responses as (
      insert into responses as r (site_id, id, survey_id, user_id, account_id, score, band, comment, locale, url, user_traits, account_traits, created_at, updated_at, test)
      select input.site_id, input.id, input.survey_id, input.user_id, people.account_id, input.score, input.band, input.comment,
        input.locale, input.url, people.traits, people.account_traits, input.created_at, input.updated_at, input.test
      from response_input as input
      join people using (site_id, user_id)
      on conflict (site_id, id) do update set
        score = excluded.score,
        band = excluded.band,
        comment = coalesce(excluded.comment, r.comment),
        updated_at = excluded.updated_at
      where r.user_id = excluded.user_id and r.survey_id = excluded.survey_id
      returning r.site_id, r.id, r.user_id, (r.xmax = 0) as created
    )
    -- The traits as kept, so that the caller hears of those that were not.
    select upserted_responses.site_id, upserted_responses.id, upserted_responses.created, people.traits, people.account_traits
    from upserted_responses join people using (site_id, user_id)`);
  const stored = new Map(rowsOf(result).map((row) => [`${row.site_id}\u0000${row.id}`, row]));
  return writes.map((write, index) => {
    const row = stored.get(responseKey(write));
    if (outcomes[index] === 'conflict' || row === undefined) return 'conflict';
    return {
      created: outcomes[index] === 'again' ? false : row.created === true,
      stored: { traits: row.traits as Traits, accountTraits: row.account_traits as Traits },
    };
  });
}

/** Rows in key order, so that concurrent batches lock shared rows in the same order and never deadlock. */
function sortedByKey<Row>(rows: Map<string, Row>): Row[] {
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

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
