import type { UserInput, Traits } from '@tenpoint/shared';
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

function signedUpAt(createdAt: UserInput['createdAt']): Date | null {
  if (createdAt === undefined) return null;
  return typeof createdAt === 'number' ? new Date(createdAt * 1000) : new Date(createdAt);
}

/** Records what the widget says of a user and their account: traits merged, sign-up date kept. */
export async function upsertUser(db: Database, siteId: string, user: UserInput, now: Date): Promise<KnownUser> {
  let accountTraits: Traits = {};
  if (user.account) {
    const [account] = await db
      .insert(accounts)
      .values({
        siteId,
        accountId: user.account.id,
        name: user.account.name ?? null,
        traits: user.account.traits ?? {},
        firstSeenAt: now,
        lastSeenAt: now,
      })
      .onConflictDoUpdate({
        target: [accounts.siteId, accounts.accountId],
        set: {
          name: sql`coalesce(excluded.name, ${accounts.name})`,
          traits: sql`${accounts.traits} || excluded.traits`,
          lastSeenAt: sql`greatest(${accounts.lastSeenAt}, excluded.last_seen_at)`,
        },
      })
      .returning({ traits: accounts.traits });
    accountTraits = account?.traits ?? {};
  }
  const [stored] = await db
    .insert(users)
    .values({
      siteId,
      userId: user.userId,
      email: user.email ?? null,
      accountId: user.account?.id ?? null,
      traits: user.traits ?? {},
      locale: user.locale ?? null,
      signedUpAt: signedUpAt(user.createdAt),
      firstSeenAt: now,
      lastSeenAt: now,
    })
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
    .returning({ accountId: users.accountId, email: users.email, signedUpAt: users.signedUpAt, traits: users.traits });
  if (!stored) throw new Error('the user upsert returned no row');
  return { ...stored, accountTraits };
}
