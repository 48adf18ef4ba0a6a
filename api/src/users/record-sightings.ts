import type { Traits, UserInput } from '@tenpoint/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { queryRows, type RawRow, read } from '../db/query-rows.ts';
import { accounts, users } from '../db/schema/index.ts';
import { SqlText, sqlNames } from '../db/sql-names.ts';
import type { KnownUser } from './known-user.ts';
import { traitLimits } from './trait-limits.ts';

export type { KnownUser } from './known-user.ts';

/** A widget call seeing a user: who they are as the page says, on which site, when. */
export interface Sighting {
  siteId: string;
  user: UserInput;
  now: Date;
}

/**
 * The last of the sighting steps, one row per user recorded, as stored, with their account's
 * traits: its name and columns, for the steps and select that follow them.
 */
export const sightedUsers = {
  step: new SqlText('sighted_users'),
  siteId: new SqlText('sighted_users.site_id'),
  userId: new SqlText('sighted_users.user_id'),
  accountId: new SqlText('sighted_users.account_id'),
  traits: new SqlText('sighted_users.traits'),
  accountTraits: new SqlText('sighted_users.account_traits'),
  /** The select list that `knownUserOf` reads. */
  knownUser: new SqlText(
    'sighted_users.account_id as "accountId", sighted_users.email as "email", sighted_users.signed_up_at as "signedUpAt", ' +
      'sighted_users.traits as "traits", sighted_users.account_traits as "accountTraits"',
  ),
};

/** Reads the columns of `sightedUsers.knownUser`; a function, as every widget call reads one. */
export const knownUserOf = (row: RawRow): KnownUser => ({
  accountId: read.nullableText(row.accountId, 'accountId'),
  email: read.nullableText(row.email, 'email'),
  signedUpAt: read.nullableTimestamp(row.signedUpAt, 'signedUpAt'),
  traits: read.json<Traits>(row.traits, 'traits'),
  accountTraits: read.json<Traits>(row.accountTraits, 'accountTraits'),
});

const userKey = (siteId: string, id: string) => `${siteId}\u0000${id}`;

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

const a = sqlNames(accounts);
const u = sqlNames(users);
const mergedTraits = (stored: string, given: string) =>
  `tenpoint_merge_traits(${stored}, ${given}, ${traitLimits.keys}, ${traitLimits.bytes})`;

/**
 * The steps after the input, fixed text written once: every widget call builds a statement with
 * them, and text costs nothing to build. Rows are merged, the sign-up date kept once known, last
 * seen moved on; an account only for a user whose call is kept.
 */
const upsertSteps = new SqlText(`
    upserted_accounts as (
      insert into ${a.$table} as a (${a.siteId}, ${a.accountId}, ${a.name}, ${a.traits}, ${a.firstSeenAt}, ${a.lastSeenAt})
      select site_id, account_id, name, ${mergedTraits(`'{}'::jsonb`, 'traits')}, seen_at, seen_at
      from account_input as input
      where exists (select 1 from user_input where user_input.site_id = input.site_id and user_input.account_id = input.account_id)
      -- Rows are locked in this order: the same in every statement, so two batches never wait on each other in a circle.
      order by site_id, account_id
      on conflict (${a.siteId}, ${a.accountId}) do update set
        -- The first name seen is kept: an end user's call never renames an account.
        ${a.name} = coalesce(a.${a.name}, excluded.${a.name}),
        ${a.traits} = ${mergedTraits(`a.${a.traits}`, `excluded.${a.traits}`)},
        ${a.lastSeenAt} = greatest(a.${a.lastSeenAt}, excluded.${a.lastSeenAt})
      returning a.${a.siteId} as site_id, a.${a.accountId} as account_id, a.${a.traits} as traits
    ),
    upserted_users as (
      insert into ${u.$table} as u (
        ${u.siteId}, ${u.userId}, ${u.email}, ${u.accountId}, ${u.traits}, ${u.locale}, ${u.signedUpAt}, ${u.firstSeenAt}, ${u.lastSeenAt}
      )
      select site_id, user_id, email, account_id, ${mergedTraits(`'{}'::jsonb`, 'traits')}, locale, signed_up_at, seen_at, seen_at
      from user_input
      order by site_id, user_id
      on conflict (${u.siteId}, ${u.userId}) do update set
        ${u.email} = coalesce(excluded.${u.email}, u.${u.email}),
        ${u.accountId} = coalesce(excluded.${u.accountId}, u.${u.accountId}),
        ${u.traits} = ${mergedTraits(`u.${u.traits}`, `excluded.${u.traits}`)},
        ${u.locale} = coalesce(excluded.${u.locale}, u.${u.locale}),
        ${u.signedUpAt} = coalesce(u.${u.signedUpAt}, excluded.${u.signedUpAt}),
        ${u.lastSeenAt} = greatest(u.${u.lastSeenAt}, excluded.${u.lastSeenAt})
      returning u.${u.siteId} as site_id, u.${u.userId} as user_id, u.${u.email} as email, u.${u.accountId} as account_id,
        u.${u.signedUpAt} as signed_up_at, u.${u.traits} as traits
    ),
    ${sightedUsers.step} as (
      select upserted_users.*, coalesce(upserted_accounts.traits, '{}'::jsonb) as account_traits
      from upserted_users
      left join upserted_accounts using (site_id, account_id)
    )`);
/**
 * The one way a widget call records a user: the steps of a statement that records many sightings
 * at once, traits merged, the sign-up date kept once known, last seen moved on. Rows travel as one
 * JSON parameter each, so the statement stays one round trip whatever the batch size. `leaveOut`
 * selects (site_id, user_id) pairs whose call is refused: nothing of theirs is written.
 */
export function sightingSteps(sightings: Sighting[], options: { leaveOut?: SQL } = {}): SQL {
  const accountRows = mergeByKey(
    sightings.flatMap(({ siteId, user, now }) =>
      user.account
        ? [
            [
              userKey(siteId, user.account.id),
              {
                site_id: siteId,
                account_id: user.account.id,
                name: user.account.name ?? null,
                traits: user.account.traits ?? {},
                seen_at: now.toISOString(),
              },
            ] as [string, AccountRow],
          ]
        : [],
    ),
    (earlier, later) => ({ ...later, name: earlier.name ?? later.name, traits: { ...earlier.traits, ...later.traits } }),
  );
  const userRows = mergeByKey(
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
  const kept = options.leaveOut
    ? sql`where not exists (select 1 from (${options.leaveOut}) as refused
        where refused.site_id = input.site_id and refused.user_id = input.user_id)`
    : sql``;
  return sql`
    user_input as (
      select * from jsonb_to_recordset(${JSON.stringify(userRows)}::jsonb)
        as input(
          site_id uuid, user_id text, email text, account_id text, traits jsonb, locale text, signed_up_at timestamptz, seen_at timestamptz
        )
      ${kept}
    ),
    account_input as (
      select * from jsonb_to_recordset(${JSON.stringify(accountRows)}::jsonb)
        as input(site_id uuid, account_id text, name text, traits jsonb, seen_at timestamptz)
    ),${upsertSteps}`;
}

/** Records one sighting alone, and answers the user as stored. */
export async function recordSighting(db: Pick<Database, 'execute'>, sighting: Sighting): Promise<KnownUser> {
  const query = sql`with ${sightingSteps([sighting])} select ${sightedUsers.knownUser} from ${sightedUsers.step}`;
  const [user] = await queryRows(db, query, knownUserOf);
  if (!user) throw new Error('the user upsert returned no row');
  return user;
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
