import type { SiteTrait, SiteTraits } from '@tenpoint/shared';
import { surveySettingsSchema } from '@tenpoint/shared';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { queryRows, read } from '../db/query-rows.ts';
import { accounts, surveys, users } from '../db/schema/index.ts';
import { sqlNames } from '../db/sql-names.ts';

const u = sqlNames(users);
const a = sqlNames(accounts);

/** Read from the most recently seen users only, so that the list costs the same on any site. */
export const traitUsersRead = 10_000;
const valuesPerTrait = 20;
const traitsListed = 300;

type TraitValue = string | number | boolean;

/**
 * The traits a site's users (and their accounts, as `account.NAME`) have sent, with their most
 * common values: what the console offers to segment and target by, instead of names typed blind.
 */
export async function readSiteTraits(db: Database, siteId: string): Promise<SiteTraits> {
  const rows = await queryRows(
    db,
    sql`
    with recent as (
      select ${u.traits} as traits, ${u.accountId} as account_id from ${u.$table}
      where ${u.siteId} = ${siteId} order by ${u.lastSeenAt} desc limit ${traitUsersRead}
    ),
    pairs as (
      -- A user trait named account.* would pass for the account's own trait: left out.
      select pair.key as name, pair.value from recent, jsonb_each(recent.traits) as pair where pair.key not like 'account.%'
      union all
      select 'account.' || pair.key, pair.value
      from ${a.$table} as acc, jsonb_each(acc.${a.traits}) as pair
      where acc.${a.siteId} = ${siteId} and acc.${a.accountId} in (select account_id from recent where account_id is not null)
    ),
    counted as (
      select name, value, count(*)::int as users from pairs
      where jsonb_typeof(value) in ('string', 'number', 'boolean')
      group by name, value
    ),
    ranked as (
      select name, value, users,
        row_number() over (partition by name order by users desc, value::text) as rank,
        count(*) over (partition by name)::int as distinct_values,
        sum(users) over (partition by name)::int as trait_users
      from counted
    )
    select name, value, users, distinct_values as "distinctValues", trait_users as "traitUsers",
      (select count(*)::int from recent) as "usersRead"
    from ranked where rank <= ${valuesPerTrait} order by name, rank`,
    (row) => ({
      name: read.text(row.name, 'name'),
      value: row.value as TraitValue,
      users: read.number(row.users, 'users'),
      distinctValues: read.number(row.distinctValues, 'distinctValues'),
      traitUsers: read.number(row.traitUsers, 'traitUsers'),
      usersRead: read.number(row.usersRead, 'usersRead'),
    }),
  );
  const segmentTraits = await readSegmentTraits(db, siteId);
  const byName = new Map<string, SiteTrait>();
  for (const row of rows) {
    const trait = byName.get(row.name) ?? {
      name: row.name,
      users: row.traitUsers,
      segment: segmentTraits.has(row.name),
      values: [],
      moreValues: row.distinctValues > valuesPerTrait,
    };
    trait.values.push({ value: row.value, users: row.users });
    byName.set(row.name, trait);
  }
  const all = [...byName.values()].sort(
    (x, y) => Number(y.segment) - Number(x.segment) || y.users - x.users || x.name.localeCompare(y.name),
  );
  const usersRead = rows[0]?.usersRead ?? (await countRecentUsers(db, siteId));
  return { data: all.slice(0, traitsListed), moreTraits: all.length > traitsListed, usersRead };
}

async function readSegmentTraits(db: Database, siteId: string): Promise<Set<string>> {
  const rows = await db.select({ settings: surveys.settings }).from(surveys).where(eq(surveys.siteId, siteId));
  return new Set(rows.flatMap((row) => surveySettingsSchema.parse(row.settings).segmentTraits));
}

async function countRecentUsers(db: Database, siteId: string): Promise<number> {
  const [row] = await queryRows(
    db,
    sql`select count(*)::int as n from (select 1 from ${u.$table} where ${u.siteId} = ${siteId} limit ${traitUsersRead}) as recent`,
    (raw) => read.number(raw.n, 'n'),
  );
  return row ?? 0;
}
