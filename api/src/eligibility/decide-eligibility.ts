import type { IneligibleReason, SurveySettings, TraitRule, Traits } from '@tenpoint/shared';

export interface EligibilityFacts {
  now: Date;
  settings: SurveySettings;
  enabled: boolean;
  event: string | undefined;
  /** `show()` on a site in test mode. */
  forceShow: boolean;
  user: {
    email: string | null;
    signedUpAt: Date | null;
    traits: Traits;
    accountTraits: Traits;
    /** From 0 to 100, stable for one user, survey and sampling period. */
    sampleBucket: number;
    samplingPeriodEndsAt: Date;
  };
  history: {
    lastResponseAt: Date | null;
    lastDeclineAt: Date | null;
    lastImpressionAt: Date | null;
    /** Impressions since the last response or decline. */
    ignoredImpressions: number;
  };
  /** Only counted when the survey has the matching cap. */
  caps: {
    impressionsToday?: number;
    accountUsersShown?: { users: number; oldestShownAt: Date | null };
  };
}

export type Decision =
  | { eligible: true }
  | { eligible: false; reason: IneligibleReason; retryAfter?: number; detail: string; until?: Date };

const hourMs = 60 * 60 * 1000;
const dayMs = 24 * hourMs;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function no(reason: IneligibleReason, detail: string, now: Date, until?: Date): Decision {
  const seconds = until ? Math.ceil((until.getTime() - now.getTime()) / 1000) : 0;
  return seconds > 0 ? { eligible: false, reason, retryAfter: seconds, detail, until } : { eligible: false, reason, detail };
}

function traitOf(rule: TraitRule, user: EligibilityFacts['user']) {
  return rule.trait.startsWith('account.') ? user.accountTraits[rule.trait.slice(8)] : user.traits[rule.trait];
}

const matches = (rule: TraitRule, user: EligibilityFacts['user']) => {
  const value = traitOf(rule, user);
  return value !== undefined && rule.values.includes(value);
};

export function targetingMiss(settings: SurveySettings, user: EligibilityFacts['user']): string | undefined {
  const { include, exclude, excludeEmailDomains, requireCreatedAt } = settings.targeting;
  const missed = include.find((rule) => !matches(rule, user));
  if (missed) return `the survey targets ${missed.trait} in [${missed.values.join(', ')}]`;
  const excluded = exclude.find((rule) => matches(rule, user));
  if (excluded) return `the survey excludes ${excluded.trait} in [${excluded.values.join(', ')}]`;
  const domain = user.email?.split('@')[1]?.toLowerCase();
  if (domain && excludeEmailDomains.some((excludedDomain) => excludedDomain.toLowerCase() === domain)) {
    return `the survey excludes email addresses at ${domain}`;
  }
  if (requireCreatedAt && !user.signedUpAt) return 'the survey needs createdAt in identify() and none was sent';
  return undefined;
}

/** Whether to show the survey now, and if not, why and until when: the server's rules, in order. */
export function decideEligibility(facts: EligibilityFacts): Decision {
  const { now, settings, user, history, caps } = facts;
  const { throttle } = settings;
  const after = (date: Date, ms: number) => new Date(date.getTime() + ms);

  if (!facts.enabled) return no('survey_off', 'the survey is switched off', now);
  if (facts.forceShow) return { eligible: true };

  const miss = targetingMiss(settings, user);
  if (miss) return no('not_targeted', `this user is not targeted: ${miss}`, now);
  if (settings.triggerEvent && facts.event !== settings.triggerEvent) {
    return no('no_trigger', `the survey shows right after track('${settings.triggerEvent}')`, now);
  }

  if (user.signedUpAt) {
    const until = after(user.signedUpAt, throttle.daysAfterSignUp * dayMs);
    if (until > now) return no('too_new', `first survey ${throttle.daysAfterSignUp} days after sign-up, on ${isoDay(until)}`, now, until);
  }
  if (history.lastResponseAt) {
    const until = after(history.lastResponseAt, throttle.daysAfterResponse * dayMs);
    if (until > now)
      return no('recently_responded', `responded on ${isoDay(history.lastResponseAt)}; asked again on ${isoDay(until)}`, now, until);
  }
  if (history.lastDeclineAt) {
    const until = after(history.lastDeclineAt, throttle.daysAfterDecline * dayMs);
    if (until > now)
      return no('recently_declined', `declined on ${isoDay(history.lastDeclineAt)}; asked again on ${isoDay(until)}`, now, until);
  }
  if (history.lastImpressionAt && history.ignoredImpressions >= throttle.ignoredImpressionsAsDecline) {
    const until = after(history.lastImpressionAt, throttle.daysAfterDecline * dayMs);
    if (until > now) {
      return no(
        'recently_declined',
        `shown ${history.ignoredImpressions} times without a response, which counts as a decline; asked again on ${isoDay(until)}`,
        now,
        until,
      );
    }
  }
  if (history.lastImpressionAt) {
    const until = after(history.lastImpressionAt, throttle.hoursAfterImpression * hourMs);
    if (until > now)
      return no(
        'recently_shown',
        `shown at ${history.lastImpressionAt.toISOString()}; shown again after ${throttle.hoursAfterImpression} hours`,
        now,
        until,
      );
  }

  if (user.sampleBucket >= settings.sampling.percent) {
    return no(
      'not_sampled',
      `the survey asks ${settings.sampling.percent}% of users and this one is outside the sample ` +
        `until ${isoDay(user.samplingPeriodEndsAt)}`,
      now,
      user.samplingPeriodEndsAt,
    );
  }
  if (settings.dailyCap !== null && (caps.impressionsToday ?? 0) >= settings.dailyCap) {
    const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
    return no('daily_cap', `the survey was shown ${settings.dailyCap} times today, its daily cap`, now, midnight);
  }
  const shownInAccount = caps.accountUsersShown;
  if (settings.accountCap && shownInAccount && shownInAccount.users >= settings.accountCap.users) {
    const until = shownInAccount.oldestShownAt ? after(shownInAccount.oldestShownAt, settings.accountCap.days * dayMs) : undefined;
    return no(
      'recently_shown',
      `${shownInAccount.users} users of this account were shown the survey in the last ${settings.accountCap.days} days, the account's cap`,
      now,
      until,
    );
  }
  return { eligible: true };
}
