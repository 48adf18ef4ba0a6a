import type { Traits, UserInput } from '@tenpoint/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { rowsOf, toDate } from '../db/rows.ts';
import { traitLimits } from './trait-limits.ts';
import type { KnownUser } from './known-user.ts';

export type { KnownUser } from './known-user.ts';

export interface Sighting {
  siteId: string;
  user: UserInput;
  now: Date;
}

export const userKey = (siteId: string, id: string) => `${siteId}\u0000${id}`;

function signedUpAt(createdAt: UserInput['createdAt']): string | null {
  if (createdAt === undefined) return null;
  return (typeof createdAt === 'number' ? new Date(createdAt * 1000) : new Date(createdAt)).toISOString();
}

/**
 * One row per key, later sightings' values over earlier ones (one statement cannot touch a row
 * twice), in key order (so that concurrent statements lock shared rows in the same order).
 */
function mergeByKey<Row>(entries: Array<[string, Row]>, merge: (earlier: Row, later: Row) => Row): Row[] {
  const merged = new Map<string, Row>();
  for (const [key, row] of entries) {
    const earlier = merged.get(key);
    merged.set(key, earlier ? merge(earlier, row) : row);
  }
  return [...merged.keys()].sort().map((key) => merged.get(key)!);
}

const mergedTraits = (stored: SQL, given: SQL) => sql`tenpoint_merge_traits(${stored}, ${given}, ${traitLimits.keys}, ${traitLimits.bytes})`;

/**
 * The `upserted_users` and `upserted_accounts` steps of a statement that records many sightings
 * at once: traits merged, the sign-up date kept once known, last seen moved on. Rows travel as one
 * JSON parameter each, so the statement stays one round trip whatever the batch size.
 */
export function upsertUserSteps(sightings: Sighting[], options: { leaveOut?: SQL } = {}): SQL {
  const accounts = mergeByKey(
    sightings.flatMap(({ siteId, user, now }) =>
      user.account
        ? [[userKey(siteId, user.account.id), { site_id: siteId, account_id: user.account.id, name: user.account.name ?? null, traits: user.account.traits ?? {}, seen_at: now.toISOString() }] as [string, AccountRow]]
        : [],
    ),
    (earlier, later) => ({ ...later, name: earlier.name ?? later.name, traits: { ...earlier.traits, ...later.traits } }),
  );
  const users = mergeByKey(
    sightings.map(({ siteId, user, now }): [string, UserRow] => [
      userKey(siteId, user.userId),
      {
        site_id: siteId,
        user_id: user.userId,
        email: user.email ?? null,
        account_id: user.account?.id ?? null,
        traits: user.traits ?? {},
        locale: user.locale ?? null,
        signed_up_at: signedUpAt(user.createdAt),
        seen_at: now.toISOString(),
      },
    ]),
    (earlier, later) => ({
      ...later,
      email: later.email ?? earlier.email,
      account_id: later.account_id ?? earlier.account_id,
      traits: { ...earlier.traits, ...later.traits },
      locale: later.locale ?? earlier.locale,
      signed_up_at: earlier.signed_up_at ?? later.signed_up_at,
    }),
  );
  // `leaveOut` selects (site_id, user_id) pairs whose call is refused: nothing of theirs is written.
  const kept = options.leaveOut
    ? sql`where not exists (select 1 from (${options.leaveOut}) as refused where refused.site_id = input.site_id and refused.user_id = input.user_id)`
    : sql``;
  return sql`
    user_input as (
      select * from jsonb_to_recordset(${JSON.stringify(users)}::jsonb)
        as input(site_id uuid, user_id text, email text, account_id text, traits jsonb, locale text, signed_up_at timestamptz, seen_at timestamptz)
      ${kept}
    ),
    upserted_accounts as (
      insert into accounts as a (site_id, account_id, name, traits, first_seen_at, last_seen_at)
      select site_id, account_id, name, ${mergedTraits(sql`'{}'::jsonb`, sql`traits`)}, seen_at, seen_at
      from jsonb_to_recordset(${JSON.stringify(accounts)}::jsonb)
        as input(site_id uuid, account_id text, name text, traits jsonb, seen_at timestamptz)
      where exists (select 1 from user_input where user_input.site_id = input.site_id and user_input.account_id = input.account_id)
      on conflict (site_id, account_id) do update set
        -- The first name seen is kept: an end user's call never renames an account.
        name = coalesce(a.name, excluded.name),
        traits = ${mergedTraits(sql`a.traits`, sql`excluded.traits`)},
        last_seen_at = greatest(a.last_seen_at, excluded.last_seen_at)
      returning a.site_id, a.account_id, a.traits
    ),
    upserted_users as (
      insert into users as u (site_id, user_id, email, account_id, traits, locale, signed_up_at, first_seen_at, last_seen_at)
      select site_id, user_id, email, account_id, ${mergedTraits(sql`'{}'::jsonb`, sql`traits`)}, locale, signed_up_at, seen_at, seen_at
      from user_input
      on conflict (site_id, user_id) do update set
        email = coalesce(excluded.email, u.email),
        account_id = coalesce(excluded.account_id, u.account_id),
        traits = ${mergedTraits(sql`u.traits`, sql`excluded.traits`)},
        locale = coalesce(excluded.locale, u.locale),
        signed_up_at = coalesce(u.signed_up_at, excluded.signed_up_at),
        last_seen_at = greatest(u.last_seen_at, excluded.last_seen_at)
      returning u.site_id, u.user_id, u.email, u.account_id, u.signed_up_at, u.traits
    ),
    people as (
      select upserted_users.*, coalesce(upserted_accounts.traits, '{}'::jsonb) as account_traits
      from upserted_users
      left join upserted_accounts using (site_id, account_id)
    )`;
}

interface AccountRow {
  site_id: string;
  account_id: string;
  name: string | null;
  traits: Traits;
  seen_at: string;
}

interface UserRow {
  site_id: string;
  user_id: string;
  email: string | null;
  account_id: string | null;
  traits: Traits;
  locale: string | null;
  signed_up_at: string | null;
  seen_at: string;
}

export function knownUserOf(row: Record<string, unknown>): KnownUser {
  return {
    accountId: (row.account_id as string | null) ?? null,
    email: (row.email as string | null) ?? null,
    signedUpAt: toDate(row.signed_up_at),
    traits: row.traits as Traits,
    accountTraits: row.account_traits as Traits,
  };
}

/** Records one user and their account, and answers them as stored. */
export async function upsertUser(db: Database, siteId: string, user: UserInput, now: Date): Promise<KnownUser> {
  const [row] = rowsOf(await db.execute(sql`with ${upsertUserSteps([{ siteId, user, now }])} select * from people`));
  if (!row) throw new Error('the user upsert returned no row');
  return knownUserOf(row);
}
