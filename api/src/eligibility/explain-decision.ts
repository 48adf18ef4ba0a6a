import type { IneligibleReason, SurveySettings } from '@tenpoint/shared';
import { type Decision, type EligibilityFacts, targetingMiss } from './decide-eligibility.ts';

const dayMs = 24 * 3600 * 1000;
const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});
const day = (date: Date) => dayFormat.format(date);
const time = (date: Date) => `${timeFormat.format(date)} UTC`;

/** In calendar days of UTC, as the dates beside it are: yesterday 23:00 is "1 day ago" at 01:00. */
function ago(date: Date, now: Date) {
  const days = Math.round((startOfDay(now) - startOfDay(date)) / dayMs);
  if (days < 0) return `on ${day(date)}, a date still to come`;
  if (days === 0) return `today (${day(date)})`;
  return `${days === 1 ? '1 day' : `${days} days`} ago (${day(date)})`;
}
const startOfDay = (date: Date) => Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
const times = (count: number) => (count === 1 ? '1 time' : `${count} times`);

export interface Explained {
  eligible: boolean;
  reason: IneligibleReason | null;
  words: string;
  changesAt: Date | null;
}

/**
 * A decision as a vendor's team reads it about one person: why, in words, and from when that
 * changes ("Answered 12 days ago (17 Feb 2026): asked again from 18 May 2026.").
 */
export function explainDecision(decision: Decision, facts: EligibilityFacts): Explained {
  const { settings, now } = facts;
  if (decision.eligible) {
    const words = settings.triggerEvent
      ? `Would be asked right after track('${settings.triggerEvent}').`
      : 'Would be asked now, on the next page that runs the widget.';
    return { eligible: true, reason: null, words, changesAt: null };
  }
  // At 0% every new draw leaves them out too: nothing changes until the sampling does.
  const until = decision.reason === 'not_sampled' && settings.sampling.percent === 0 ? null : (decision.until ?? null);
  return { eligible: false, reason: decision.reason, words: sentence(decision.reason, facts, until, settings, now), changesAt: until };
}

function sentence(reason: IneligibleReason, facts: EligibilityFacts, until: Date | null, settings: SurveySettings, now: Date): string {
  const { history, user } = facts;
  const from = (what: string) => (until ? `${what} from ${day(until)}.` : `${what} once that changes.`);
  switch (reason) {
    case 'survey_off':
      return 'The survey is switched off.';
    case 'not_targeted':
      return `Not targeted: ${targetingMiss(settings, user) ?? 'the targeting leaves this person out'}. Asked once that changes.`;
    case 'no_trigger':
      return `Asked only right after track('${settings.triggerEvent}').`;
    case 'too_new':
      return `Signed up ${ago(user.signedUpAt!, now)}: ${from('first asked')}`;
    case 'recently_responded':
      return `Answered ${ago(history.lastResponseAt!, now)}: ${from('asked again')}`;
    case 'recently_declined': {
      const declinedUntil = history.lastDeclineAt && history.lastDeclineAt.getTime() + settings.throttle.daysAfterDecline * dayMs;
      if (declinedUntil && declinedUntil > now.getTime()) {
        return `Closed the survey without answering ${ago(history.lastDeclineAt!, now)}: ${from('asked again')}`;
      }
      return `Shown ${history.ignoredImpressions} times without an answer, which counts as closing it: ${from('asked again')}`;
    }
    case 'recently_shown': {
      const shown = history.lastImpressionAt;
      if (shown && shown.getTime() + settings.throttle.hoursAfterImpression * 3600 * 1000 > now.getTime()) {
        return `Shown at ${time(shown)}, not answered yet: shown again from ${until ? time(until) : 'later'}.`;
      }
      const shownInAccount = facts.caps.accountUsersShown?.users ?? 0;
      const days = settings.accountCap?.days ?? 0;
      return `${shownInAccount} people of their account were shown it in the last ${days} days, the account's cap: ${from('asked again')}`;
    }
    case 'not_sampled':
      if (settings.sampling.percent === 0) return 'The survey samples 0% of people: nobody is asked until its sampling is raised.';
      return `Outside the ${settings.sampling.percent}% of people the survey asks: ${from('drawn again')}`;
    case 'daily_cap': {
      const again = until ? time(until) : 'tomorrow';
      return `The survey was shown ${times(settings.dailyCap ?? 0)} today, its daily cap: shown again from ${again}.`;
    }
  }
}
