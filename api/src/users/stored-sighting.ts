import { type SQL, sql } from 'drizzle-orm';
import { accounts, users } from '../db/schema/index.ts';
import { sqlNames } from '../db/sql-names.ts';
import type { Sighting } from './record-sightings.ts';
import { traitLimits } from './trait-limits.ts';

/**
 * How stale a repeat visitor's stored last-seen time may get: a sighting that changes nothing else
 * is written only once the stored one is older than this.
 */
export const lastSeenRefreshMs = 15 * 60 * 1000;

const u = sqlNames(users);
const a = sqlNames(accounts);
const json = (value: unknown) => sql`${JSON.stringify(value ?? {})}::jsonb`;
const unchangedTraits = (stored: SQL, given: unknown) =>
  sql`tenpoint_merge_traits(${stored}, ${json(given)}, ${traitLimits.keys}, ${traitLimits.bytes}) = ${stored}`;

/**
 * A `stored_user` step for a WITH: the user as stored (the columns of `sightedUsers.knownUser`) and
 * `unchanged`, true when recording this sighting would change nothing but a last-seen time that is
 * still recent. Reads only: a repeat visitor's call then writes nothing, and takes no lock.
 */
export function storedSightingStep(sighting: Sighting): SQL {
  const { siteId, user, now } = sighting;
  const account = user.account;
  const recent = new Date(now.getTime() - lastSeenRefreshMs).toISOString();
  const signedUp = user.createdAt !== undefined;
  const accountUnchanged = account
    ? sql`acc.${a.lastSeenAt} > ${recent} and (acc.${a.name} is not null or ${account.name ?? null}::text is null)
        and ${unchangedTraits(sql`acc.${a.traits}`, account.traits)}`
    : sql`true`;
  return sql`
    stored_user as (
      select usr.${u.accountId} as "accountId", usr.${u.email} as "email", usr.${u.signedUpAt} as "signedUpAt",
        usr.${u.traits} as "traits", coalesce(acc.${a.traits}, '{}'::jsonb) as "accountTraits",
        (usr.${u.lastSeenAt} > ${recent}
          and (${user.email ?? null}::text is null or ${user.email ?? null}::text = usr.${u.email})
          and (${account?.id ?? null}::text is null or ${account?.id ?? null}::text = usr.${u.accountId})
          and (${user.locale ?? null}::text is null or ${user.locale ?? null}::text = usr.${u.locale})
          and (usr.${u.signedUpAt} is not null or ${!signedUp})
          and ${unchangedTraits(sql`usr.${u.traits}`, user.traits)}
          and ${account ? sql`acc.${a.accountId} is not null and ${accountUnchanged}` : sql`true`}) as unchanged
      from ${u.$table} as usr
      left join ${a.$table} as acc on acc.${a.siteId} = usr.${u.siteId} and acc.${a.accountId} = ${account?.id ?? null}::text
      where usr.${u.siteId} = ${siteId} and usr.${u.userId} = ${user.userId}
    )`;
}
