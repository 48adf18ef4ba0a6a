import type { Traits, UserInput } from '@tenpoint/shared';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { accounts, users } from '../db/schema/index.ts';

export interface KnownUser {
  accountId: string | null;
  email: string | null;
  signedUpAt: Date | null;
  traits: Traits;
  accountTraits: Traits;
}

export interface Sighting {
  siteId: string;
  user: UserInput;
  now: Date;
}

const keyOf = (siteId: string, id: string) => `${siteId}\u0000${id}`;

function signedUpAt(createdAt: UserInput['createdAt']): Date | null {
  if (createdAt === undefined) return null;
  return typeof createdAt === 'number' ? new Date(createdAt * 1000) : new Date(createdAt);
}

/** One row per key, later sightings' values over earlier ones: one statement cannot touch a row twice. */
function mergeByKey<Row>(entries: Array<[string, Row]>, merge: (earlier: Row, later: Row) => Row): Row[] {
  const merged = new Map<string, Row>();
  for (const [key, row] of entries) {
    const earlier = merged.get(key);
    merged.set(key, earlier ? merge(earlier, row) : row);
  }
  return [...merged.values()];
}

/**
 * Records what the widget says of users and their accounts, many at once: traits merged, the
 * sign-up date kept once known. Returns each user as stored, by site and user id.
 */
export async function upsertUsers(db: Database, sightings: Sighting[]): Promise<Map<string, KnownUser>> {
  const accountRows = mergeByKey(
    sightings.flatMap(({ siteId, user, now }): Array<[string, typeof accounts.$inferInsert]> =>
      user.account
        ? [[keyOf(siteId, user.account.id), { siteId, accountId: user.account.id, name: user.account.name ?? null, traits: user.account.traits ?? {}, firstSeenAt: now, lastSeenAt: now }]]
        : [],
    ),
    (earlier, later) => ({ ...later, name: later.name ?? earlier.name ?? null, traits: { ...earlier.traits, ...later.traits }, firstSeenAt: earlier.firstSeenAt }),
  );
  const accountTraits = new Map<string, Traits>();
  if (accountRows.length) {
    const stored = await db
      .insert(accounts)
      .values(accountRows)
      .onConflictDoUpdate({
        target: [accounts.siteId, accounts.accountId],
        set: {
          name: sql`coalesce(excluded.name, ${accounts.name})`,
          traits: sql`${accounts.traits} || excluded.traits`,
          lastSeenAt: sql`greatest(${accounts.lastSeenAt}, excluded.last_seen_at)`,
        },
      })
      .returning({ siteId: accounts.siteId, accountId: accounts.accountId, traits: accounts.traits });
    for (const row of stored) accountTraits.set(keyOf(row.siteId, row.accountId), row.traits);
  }

  const userRows = mergeByKey(
    sightings.map(({ siteId, user, now }): [string, typeof users.$inferInsert] => [
      keyOf(siteId, user.userId),
      {
        siteId,
        userId: user.userId,
        email: user.email ?? null,
        accountId: user.account?.id ?? null,
        traits: user.traits ?? {},
        locale: user.locale ?? null,
        signedUpAt: signedUpAt(user.createdAt),
        firstSeenAt: now,
        lastSeenAt: now,
      },
    ]),
    (earlier, later) => ({
      ...later,
      email: later.email ?? earlier.email ?? null,
      accountId: later.accountId ?? earlier.accountId ?? null,
      traits: { ...earlier.traits, ...later.traits },
      locale: later.locale ?? earlier.locale ?? null,
      signedUpAt: earlier.signedUpAt ?? later.signedUpAt ?? null,
      firstSeenAt: earlier.firstSeenAt,
    }),
  );
  const stored = await db
    .insert(users)
    .values(userRows)
    .onConflictDoUpdate({
      target: [users.siteId, users.userId],
      set: {
        email: sql`coalesce(excluded.email, ${users.email})`,
        accountId: sql`coalesce(excluded.account_id, ${users.accountId})`,
        traits: sql`${users.traits} || excluded.traits`,
        locale: sql`coalesce(excluded.locale, ${users.locale})`,
        signedUpAt: sql`coalesce(${users.signedUpAt}, excluded.signed_up_at)`,
        lastSeenAt: sql`greatest(${users.lastSeenAt}, excluded.last_seen_at)`,
      },
    })
    .returning({ siteId: users.siteId, userId: users.userId, accountId: users.accountId, email: users.email, signedUpAt: users.signedUpAt, traits: users.traits });

  const known = new Map<string, KnownUser>();
  for (const { siteId, userId, ...user } of stored) {
    const traits = user.accountId ? (accountTraits.get(keyOf(siteId, user.accountId)) ?? {}) : {};
    known.set(keyOf(siteId, userId), { ...user, accountTraits: traits });
  }
  return known;
}

/** Records one user and their account; see upsertUsers. */
export async function upsertUser(db: Database, siteId: string, user: UserInput, now: Date): Promise<KnownUser> {
  const known = (await upsertUsers(db, [{ siteId, user, now }])).get(keyOf(siteId, user.userId));
  if (!known) throw new Error('the user upsert returned no row');
  return known;
}

export const userKey = keyOf;
