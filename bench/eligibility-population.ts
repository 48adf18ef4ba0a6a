// The users of one bench site and what they did with its survey, in the states a real site has,
// planned here (one rule, read by the seeding and by the widget's memory) and seeded in bulk.
import { sampleBucket } from '@tenpoint/api';
import type { UserInput } from '@tenpoint/shared';
import { bandOf } from '@tenpoint/shared/scores';
import postgres from 'postgres';
import { userPool } from './payloads.ts';
import { dayMs } from './widget-visitors.ts';

const hourMs = dayMs / 24;
// The survey's default throttles (shared/src/schemas/survey-settings.ts), which the plan relies on.
const throttle = { daysAfterSignUp: 30, daysAfterResponse: 90, daysAfterDecline: 30, hoursAfterImpression: 24 };
const samplingPeriodDays = 30;

/** Users by state, in percent: `quiet` users are seen before, no history, and eligible unless sampled out. */
export const stateShares = { new: 8, answered: 30, dismissed: 8, ignored: 4, quiet: 50 } as const;
export type State = keyof typeof stateShares;
export type MixState = Exclude<State, 'quiet'> | 'sampled out' | 'eligible';

/** A user's state by their index: runs of consecutive indexes modulo 100, so every share holds at any size. */
export function stateOf(index: number): State {
  let percent = index % 100;
  for (const [state, share] of Object.entries(stateShares) as [State, number][]) {
    if (percent < share) return state;
    percent -= share;
  }
  return 'quiet';
}

export interface PlannedUser {
  user: UserInput;
  state: MixState;
  /** When the user responded, dismissed the survey, or was shown it (ignored). */
  at?: Date;
  /** What the API's "no" says now, in seconds; undefined for an eligible user. */
  retryAfter?: number;
}

/** Every user with their state and the time of their history, deterministic by index. */
export function planPopulation(size: number, surveyId: string, samplingPercent: number, now: Date): PlannedUser[] {
  const t = now.getTime();
  const secondsUntil = (ms: number) => Math.ceil((ms - t) / 1000);
  return userPool(size, t).map((user, i): PlannedUser => {
    const state = stateOf(i);
    // Spread over the throttle's window, never at its edge, so that the state holds through the run.
    const spread = (span: number, unit: number) => t - (1 + (i % (span - 2)) + 0.5) * unit;
    if (state === 'new') {
      const signedUp = spread(throttle.daysAfterSignUp, dayMs);
      return {
        user: { ...user, createdAt: new Date(signedUp).toISOString() },
        state,
        retryAfter: secondsUntil(signedUp + throttle.daysAfterSignUp * dayMs),
      };
    }
    if (state === 'answered' || state === 'dismissed') {
      const days = state === 'answered' ? throttle.daysAfterResponse : throttle.daysAfterDecline;
      const at = spread(days, dayMs);
      return { user, state, at: new Date(at), retryAfter: secondsUntil(at + days * dayMs) };
    }
    if (state === 'ignored') {
      const at = spread(throttle.hoursAfterImpression, hourMs);
      return { user, state, at: new Date(at), retryAfter: secondsUntil(at + throttle.hoursAfterImpression * hourMs) };
    }
    const sampling = sampleBucket(surveyId, user.userId, samplingPeriodDays, now);
    return sampling.bucket >= samplingPercent
      ? { user, state: 'sampled out', retryAfter: secondsUntil(sampling.periodEndsAt.getTime()) }
      : { user, state: 'eligible' };
  });
}

export function mixOf(plan: readonly PlannedUser[]): Record<MixState, number> {
  const mix: Record<MixState, number> = { new: 0, answered: 0, dismissed: 0, ignored: 0, 'sampled out': 0, eligible: 0 };
  for (const { state } of plan) mix[state] += 1;
  return mix;
}

const quiet = { max: 1, onnotice: () => {}, connect_timeout: 5 } as const;

/**
 * One INSERT per table, the rows as arrays unnested in the database: the users seen before (all but
 * the new ones) with their accounts, the responses, the dismissals and the ignored impressions; and
 * the survey's sampling percent.
 */
export async function seedPopulation(
  databaseUrl: string,
  site: { siteId: string; surveyId: string },
  plan: readonly PlannedUser[],
  samplingPercent: number,
): Promise<void> {
  const sql = postgres(databaseUrl, quiet);
  const { siteId, surveyId } = site;
  const seen = plan.filter((p) => p.state !== 'new');
  const withState = (state: MixState) => plan.filter((p) => p.state === state);
  const ids = (rows: readonly PlannedUser[]) => rows.map((p) => p.user.userId);
  const times = (rows: readonly PlannedUser[]) => rows.map((p) => p.at!.toISOString());
  const accounts = [...new Map(seen.flatMap((p) => (p.user.account ? [[p.user.account.id, p.user.account.name ?? null]] : []))).entries()];
  const answered = withState('answered');
  const scores = answered.map((_, i) => (i * 7) % 11);
  try {
    await sql.begin(async (tx) => {
      await tx`update surveys set settings = jsonb_set(settings, '{sampling,percent}', ${samplingPercent}::text::jsonb)
        where site_id = ${siteId} and id = ${surveyId}`;
      await tx`insert into accounts (site_id, account_id, name)
        select ${siteId}, * from unnest(${accounts.map((a) => a[0])}::text[], ${accounts.map((a) => a[1])}::text[])`;
      await tx`insert into users (site_id, user_id, account_id, traits, signed_up_at, first_seen_at, last_seen_at)
        select ${siteId}, id, account, traits::jsonb, signed_up, now() - interval '60 days', now() - interval '1 day'
        from unnest(${ids(seen)}::text[], ${seen.map((p) => p.user.account?.id ?? null)}::text[],
          ${seen.map((p) => JSON.stringify(p.user.traits ?? {}))}::text[], ${seen.map((p) => String(p.user.createdAt))}::timestamptz[])
          as u(id, account, traits, signed_up)`;
      await tx`insert into responses (site_id, id, survey_id, user_id, score, band, created_at, updated_at)
        select ${siteId}, gen_random_uuid(), ${surveyId}, id, score, band, at, at
        from unnest(${ids(answered)}::text[], ${scores}::int[], ${scores.map((s) => bandOf('nps', s))}::text[],
          ${times(answered)}::timestamptz[]) as r(id, score, band, at)`;
      const dismissed = withState('dismissed');
      await tx`insert into declines (site_id, id, survey_id, user_id, created_at)
        select ${siteId}, gen_random_uuid(), ${surveyId}, id, at
        from unnest(${ids(dismissed)}::text[], ${times(dismissed)}::timestamptz[]) as d(id, at)`;
      const ignored = withState('ignored');
      await tx`insert into impressions (site_id, id, survey_id, user_id, shown_at)
        select ${siteId}, gen_random_uuid(), ${surveyId}, id, at
        from unnest(${ids(ignored)}::text[], ${times(ignored)}::timestamptz[]) as i(id, at)`;
    });
    await sql`analyze users, responses, declines, impressions`;
  } finally {
    await sql.end();
  }
}
