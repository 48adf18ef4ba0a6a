import type { InstallCheckAnswer } from '@tenpoint/shared';
import { and, desc, eq, gt, inArray, isNull, max, min, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { widgetCallCounts as counts, type Site, users, type WidgetCallOutcome } from '../db/schema/index.ts';

const dayMs = 24 * 3_600_000;
const maxRefusals = 50;

type Refusal = Exclude<WidgetCallOutcome, 'accepted'>;

/** What to change for calls refused for `reason` from `origin`, as the install page says it. */
export function fixFor(reason: Refusal, origin: string): string {
  if (reason === 'wrong_origin') return `Add ${origin} to the site's allowed origins (Settings → Origins) if the widget should run there.`;
  if (reason === 'identity_failed')
    return (
      'The userHash does not match: compute it on your server as HMAC-SHA256 of the user id with the ' +
      "site's identity secret (Install → Identity verification)."
    );
  return 'Pages on this origin send a site key Tenpoint does not know: copy the snippet again from the install page.';
}

/**
 * Whether the widget of `site` has called from an allowed origin, and the calls refused in the day
 * before `now`. A key no site has is stored without a site: its calls count for every site that
 * allows their origin, which is how a vendor with a mistyped or stale key finds them.
 */
export async function installCheck(db: Database, site: Site, now: Date): Promise<InstallCheckAnswer> {
  const since = new Date(now.getTime() - dayMs);
  const [accepted] = await db
    .select({
      firstCallAt: min(counts.firstAt),
      lastCallAt: max(counts.lastAt),
      lastDay: sql<number>`coalesce(sum(${counts.count}) filter (where ${gt(counts.lastAt, since)}), 0)`.mapWith(Number),
    })
    .from(counts)
    .where(and(eq(counts.siteId, site.id), eq(counts.outcome, 'accepted')));

  const ofThisSite = and(eq(counts.siteId, site.id), inArray(counts.outcome, ['wrong_origin', 'identity_failed']));
  const unknownKeyHere =
    site.allowedOrigins.length > 0
      ? and(isNull(counts.siteId), eq(counts.outcome, 'unknown_key'), inArray(counts.origin, site.allowedOrigins))
      : undefined;
  const total = sql<number>`sum(${counts.count})`.mapWith(Number);
  const refused = await db
    .select({ reason: counts.outcome, origin: counts.origin, count: total, lastAt: max(counts.lastAt) })
    .from(counts)
    .where(and(or(ofThisSite, unknownKeyHere), gt(counts.lastAt, since)))
    .groupBy(counts.outcome, counts.origin)
    .orderBy(desc(total), desc(max(counts.lastAt)), counts.origin)
    .limit(maxRefusals);

  // A widget that ran before calls were counted (an upgraded install) left the users it saw: the
  // first of them is when it was installed. Read only until a counted call says so itself.
  const [seen] = accepted?.firstCallAt
    ? []
    : await db
        .select({ firstAt: min(users.firstSeenAt) })
        .from(users)
        .where(eq(users.siteId, site.id));
  const firstCallAt = accepted?.firstCallAt ?? seen?.firstAt ?? null;

  return {
    installed: firstCallAt !== null,
    firstCallAt: firstCallAt?.toISOString() ?? null,
    lastCallAt: accepted?.lastCallAt?.toISOString() ?? null,
    acceptedLastDay: accepted?.lastDay ?? 0,
    refused: refused.map(({ reason, origin, count, lastAt }) => ({
      reason: reason as Refusal,
      origin,
      count,
      lastAt: lastAt!.toISOString(),
      fix: fixFor(reason as Refusal, origin),
    })),
  };
}
