import type { ImportFormat } from '@tenpoint/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';
import { accounts, responses, users } from '../db/schema/index.ts';
import { textArray } from '../db/sql-arrays.ts';
import { SqlText, sqlNames } from '../db/sql-names.ts';
import { traitLimits } from '../users/trait-limits.ts';
import type { ImportRow } from './check-rows.ts';

type Executor = Pick<Database, 'execute'>;

// Rows per statement: one JSON parameter each, so a statement is one round trip whatever its size.
const batchSize = 2000;

const r = sqlNames(responses);
const u = sqlNames(users);
const a = sqlNames(accounts);
const idRow = z.object({ id: z.string() });

const inputColumns = `site_id uuid, id uuid, survey_id uuid, user_id text, email text, account_id text, score smallint, band text,
  comment text, locale text, url text, traits jsonb, account_traits jsonb, created_at timestamptz, first_at timestamptz`;

// Responses are written as given and never updated: one already there (imported before, or an
// answer of the widget with the same id) is left as it is.
const insertResponses = new SqlText(`
  insert into ${r.$table} (${r.siteId}, ${r.id}, ${r.surveyId}, ${r.userId}, ${r.accountId}, ${r.score}, ${r.band}, ${r.comment},
    ${r.locale}, ${r.url}, ${r.userTraits}, ${r.accountTraits}, ${r.createdAt}, ${r.updatedAt}, ${r.test}, ${r.importedFrom})
  select site_id, id, survey_id, user_id, account_id, score, band, comment, locale, url, traits, account_traits, created_at,
    created_at, false, imported_from
  from input
  -- Looked up first: on Postgres, an anti-join is cheaper than a conflict found row by row.
  where not exists (select 1 from ${r.$table} r where r.${r.siteId} = input.site_id and r.${r.id} = input.id)
  on conflict (${r.siteId}, ${r.id}) do nothing
  returning ${r.id} as id`);

// History fills in what is not known yet and never overwrites what the widget (or a newer row of
// the file: rows come newest first) already said about a user or an account.
const onlyNewKeys = (stored: string, given: string) =>
  `tenpoint_merge_traits(${stored}, ${given} - array(select jsonb_object_keys(${stored})), ${traitLimits.keys}, ${traitLimits.bytes})`;

const upsertPeople = new SqlText(`
  accounts_written as (
    insert into ${a.$table} as a (${a.siteId}, ${a.accountId}, ${a.traits}, ${a.firstSeenAt}, ${a.lastSeenAt})
    select site_id, account_id, (array_agg(account_traits order by account_traits = '{}'::jsonb))[1], min(first_at), max(created_at)
    from input where account_id is not null
    group by site_id, account_id
    on conflict (${a.siteId}, ${a.accountId}) do update set
      ${a.traits} = ${onlyNewKeys(`a.${a.traits}`, `excluded.${a.traits}`)},
      ${a.firstSeenAt} = least(a.${a.firstSeenAt}, excluded.${a.firstSeenAt}),
      ${a.lastSeenAt} = greatest(a.${a.lastSeenAt}, excluded.${a.lastSeenAt})
    returning 1
  )
  insert into ${u.$table} as u (${u.siteId}, ${u.userId}, ${u.email}, ${u.accountId}, ${u.traits}, ${u.locale}, ${u.firstSeenAt},
    ${u.lastSeenAt})
  select site_id, user_id, email, account_id, traits, locale, first_at, created_at from input
  on conflict (${u.siteId}, ${u.userId}) do update set
    ${u.email} = coalesce(u.${u.email}, excluded.${u.email}),
    ${u.accountId} = coalesce(u.${u.accountId}, excluded.${u.accountId}),
    ${u.traits} = ${onlyNewKeys(`u.${u.traits}`, `excluded.${u.traits}`)},
    ${u.locale} = coalesce(u.${u.locale}, excluded.${u.locale}),
    ${u.firstSeenAt} = least(u.${u.firstSeenAt}, excluded.${u.firstSeenAt}),
    ${u.lastSeenAt} = greatest(u.${u.lastSeenAt}, excluded.${u.lastSeenAt})`);

const asInput = (siteId: string, format: ImportFormat, rows: Array<ImportRow & { firstAt?: Date }>) =>
  JSON.stringify(
    rows.map((row) => ({
      site_id: siteId,
      id: row.id,
      survey_id: row.surveyId,
      user_id: row.userId,
      email: row.email,
      account_id: row.accountId,
      score: row.score,
      band: row.band,
      comment: row.comment,
      locale: row.locale,
      url: row.url,
      traits: row.traits,
      account_traits: row.accountTraits,
      created_at: row.createdAt.toISOString(),
      first_at: (row.firstAt ?? row.createdAt).toISOString(),
      imported_from: format,
    })),
  );

function batches<Row>(rows: Row[]): Row[][] {
  const all: Row[][] = [];
  for (let start = 0; start < rows.length; start += batchSize) all.push(rows.slice(start, start + batchSize));
  return all;
}

/** How many of the rows are stored already (imported before): counted, nothing written. */
export async function countStored(db: Executor, siteId: string, rows: ImportRow[]): Promise<number> {
  let stored = 0;
  for (const batch of batches(rows)) {
    const found = await queryRows(
      db,
      sql`select r.${r.id} as id from unnest(${textArray(batch.map((row) => row.id))}::uuid[]) as input (id)
        join ${r.$table} r on r.${r.siteId} = ${siteId} and r.${r.id} = input.id`,
      idRow,
    );
    stored += found.length;
  }
  return stored;
}

/**
 * One row per user (and account) of the rows, traits merged: a newer row's value wins, an older
 * one fills in what it lacks. So a user who answered 50 times is upserted once.
 */
function peopleOf(newestFirst: ImportRow[]): Array<ImportRow & { firstAt: Date }> {
  const byUser = new Map<string, ImportRow & { firstAt: Date }>();
  const accountTraits = new Map<string, ImportRow['accountTraits']>();
  for (const row of newestFirst) {
    const known = byUser.get(row.userId);
    byUser.set(
      row.userId,
      known
        ? {
            ...known,
            email: known.email ?? row.email,
            accountId: known.accountId ?? row.accountId,
            locale: known.locale ?? row.locale,
            traits: { ...row.traits, ...known.traits },
            firstAt: row.createdAt,
          }
        : { ...row, firstAt: row.createdAt },
    );
    if (row.accountId) accountTraits.set(row.accountId, { ...row.accountTraits, ...accountTraits.get(row.accountId) });
  }
  // Each account's merged traits ride on one row that names it; the statement takes one per account.
  const carried = new Set<string>();
  return [...byUser.values()].map((row) => {
    if (!row.accountId || carried.has(row.accountId)) return { ...row, accountTraits: {} };
    carried.add(row.accountId);
    return { ...row, accountTraits: accountTraits.get(row.accountId) ?? {} };
  });
}

/**
 * Writes the rows not stored yet, a batch per statement, then the users and accounts of those
 * added; the caller holds the transaction. Answers how many responses were added.
 */
export async function writeImport(db: Executor, siteId: string, format: ImportFormat, rows: ImportRow[]): Promise<number> {
  const newestFirst = [...rows].sort((one, other) => other.createdAt.getTime() - one.createdAt.getTime());
  const added: ImportRow[] = [];
  for (const batch of batches(newestFirst)) {
    const inserted = await queryRows(
      db,
      sql`with input as (select * from jsonb_to_recordset(${asInput(siteId, format, batch)}::jsonb)
          as input(${sql.raw(inputColumns)}, imported_from text))
        ${insertResponses}`,
      idRow,
    );
    const insertedIds = new Set(inserted.map((row) => row.id));
    added.push(...batch.filter((row) => insertedIds.has(row.id)));
  }
  // Only the people of responses just added: a file imported again changes nobody.
  for (const batch of batches(peopleOf(added))) {
    await db.execute(
      sql`with input as (select * from jsonb_to_recordset(${asInput(siteId, format, batch)}::jsonb)
          as input(${sql.raw(inputColumns)}, imported_from text)),
        ${upsertPeople}`,
    );
  }
  return added.length;
}
