const dayMs = 86_400_000;
/** Digests go out on Mondays from this hour (UTC) on, for the week that ended at Monday 00:00 UTC. */
export const digestHourUtc = 8;

export interface DigestWeek {
  /** Monday 00:00 UTC. */
  start: Date;
  /** The next Monday 00:00 UTC, not included. */
  end: Date;
}

/** The last whole week (Monday to Monday, UTC) that ended at or before `now`. */
export function weekEndedBy(now: Date): DigestWeek {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const end = midnight - ((new Date(midnight).getUTCDay() + 6) % 7) * dayMs;
  return { start: new Date(end - 7 * dayMs), end: new Date(end) };
}

/**
 * The week a digest is due for at `now`: on Monday from 08:00 UTC to midnight, the week just ended.
 * A digest that could not go out by then is not sent late; the next Monday's is.
 */
export function dueWeek(now: Date): DigestWeek | undefined {
  const week = weekEndedBy(now);
  const since = now.getTime() - week.end.getTime();
  return since >= digestHourUtc * 3_600_000 && since < dayMs ? week : undefined;
}

/** The 7 days up to `now`: what a preview shows. */
export const lastSevenDays = (now: Date): DigestWeek => ({ start: new Date(now.getTime() - 7 * dayMs), end: now });
