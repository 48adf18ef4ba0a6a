import type { Band, ResponseRequest } from '@tenpoint/shared';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { responses } from '../../db/schema/index.ts';
import { upsertUsers, userKey } from '../../users/upsert-user.ts';

export interface ResponseWrite {
  siteId: string;
  surveyId: string;
  band: Band;
  body: ResponseRequest;
  now: Date;
}

/** `conflict`: the id is another user's or another survey's response, which stays as it was. */
export type WriteOutcome = { created: boolean } | 'conflict';

interface Pending {
  write: ResponseWrite;
  settle: (outcome: WriteOutcome | Promise<WriteOutcome>) => void;
  fail: (error: unknown) => void;
}

const maxBatch = 500;

/**
 * Stores responses in shared commits: while one transaction is being committed the next requests
 * queue up, and all of them go in the next one. Each caller hears back only after its commit.
 */
export function createResponseWriter(db: Database) {
  let queue: Pending[] = [];
  let flushing = false;

  const flush = async () => {
    flushing = true;
    while (queue.length) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      try {
        const outcomes = await db.transaction((tx) => writeBatch(tx, batch.map((pending) => pending.write)));
        batch.forEach((pending, index) => pending.settle(outcomes[index]!));
      } catch (error) {
        // One bad answer must not sink its neighbours: alone, each succeeds or fails on its own.
        if (batch.length === 1) batch[0]!.fail(error);
        else for (const pending of batch) pending.settle(writeAlone(pending.write));
      }
    }
    flushing = false;
  };

  const writeAlone = (write: ResponseWrite) => db.transaction(async (tx) => (await writeBatch(tx, [write]))[0]!);

  return {
    write(write: ResponseWrite): Promise<WriteOutcome> {
      return new Promise((settle, fail) => {
        queue.push({ write, settle, fail });
        if (!flushing) void flush();
      });
    },
  };
}

export type ResponseWriter = ReturnType<typeof createResponseWriter>;

const responseKey = (write: ResponseWrite) => `${write.siteId}\u0000${write.body.id}`;

async function writeBatch(db: Database, writes: ResponseWrite[]): Promise<WriteOutcome[]> {
  const people = await upsertUsers(db, writes.map(({ siteId, body, now }) => ({ siteId, user: body.user, now })));

  // Several sends of one response in a batch (a retry, the comment) become one row: the last score,
  // the last comment sent. The same id from another user or survey is a conflict, as in the table.
  const rows = new Map<string, typeof responses.$inferInsert>();
  const outcomes: Array<'conflict' | 'again' | undefined> = writes.map((write) => {
    const key = responseKey(write);
    const earlier = rows.get(key);
    const { body } = write;
    if (earlier && (earlier.userId !== body.user.userId || earlier.surveyId !== write.surveyId)) return 'conflict';
    const person = people.get(userKey(write.siteId, body.user.userId));
    rows.set(key, {
      siteId: write.siteId,
      id: body.id,
      surveyId: write.surveyId,
      userId: body.user.userId,
      accountId: person?.accountId ?? null,
      score: body.score,
      band: write.band,
      comment: body.comment ?? earlier?.comment ?? null,
      locale: body.locale ?? body.user.locale ?? earlier?.locale ?? null,
      url: body.url ?? earlier?.url ?? null,
      userTraits: person?.traits ?? {},
      accountTraits: person?.accountTraits ?? {},
      createdAt: earlier?.createdAt ?? write.now,
      updatedAt: write.now,
    });
    return earlier ? 'again' : undefined;
  });

  const stored = await db
    .insert(responses)
    .values([...rows.values()])
    .onConflictDoUpdate({
      target: [responses.siteId, responses.id],
      set: {
        score: sql`excluded.score`,
        band: sql`excluded.band`,
        comment: sql`coalesce(excluded.comment, ${responses.comment})`,
        updatedAt: sql`excluded.updated_at`,
      },
      setWhere: sql`${responses.userId} = excluded.user_id and ${responses.surveyId} = excluded.survey_id`,
    })
    .returning({ siteId: responses.siteId, id: responses.id, created: sql<boolean>`xmax = 0` });
  const created = new Map(stored.map((row) => [`${row.siteId}\u0000${row.id}`, row.created]));
  return writes.map((write, index) => {
    const wasCreated = created.get(responseKey(write));
    if (outcomes[index] === 'conflict' || wasCreated === undefined) return 'conflict';
    return { created: outcomes[index] === 'again' ? false : wasCreated };
  });
}
