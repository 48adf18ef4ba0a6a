import { randomUUID } from 'node:crypto';
import { type EligibilityAnswer, type EligibilityRequest, renderSurvey } from '@tenpoint/shared';
import type { Database } from '../db/client.ts';
import { traitWarnings } from '../users/trait-limits.ts';
import type { WidgetCall } from '../widget-calls/widget-call-context.ts';
import { type Decision, decideEligibility } from './decide-eligibility.ts';
import type { RememberedNo } from './decision-memory.ts';
import { readUnchangedUserAndHistory, recordImpression, recordUserAndReadHistory, startsRound } from './eligibility-facts.ts';
import type { EligibilityServices } from './eligibility-services.ts';
import { preferredLanguage } from './preferred-language.ts';
import { sampleBucket } from './sampling.ts';

/** Where an answer came from: memory (no database), the database, or turned away under load. */
export type AnswerSource = 'memory' | 'database' | 'shed';

// Long enough that a busy moment passes, short enough that nobody misses their survey for long;
// spread so that the widgets told "not now" together do not all come back together.
const busyRetrySeconds = () => 30 + Math.floor(Math.random() * 60);

const notNow = (no: RememberedNo, now: Date): EligibilityAnswer => {
  const retryAfter = no.until ? Math.ceil((no.until.getTime() - now.getTime()) / 1000) : 0;
  return {
    eligible: false,
    reason: no.reason,
    detail: no.detail,
    ...(retryAfter > 0 ? { retryAfter } : {}),
    ...(no.warnings.length ? { warnings: no.warnings } : {}),
  };
};

/**
 * Whether the call's user should see its survey now. A "no" this process gave the same user for the
 * same page facts and settings is answered from memory; otherwise the database decides, a few calls
 * at a time, and a call that would wait too long for its turn hears `busy`.
 */
export async function checkEligibility(
  db: Database,
  services: EligibilityServices,
  call: WidgetCall<EligibilityRequest>,
  acceptLanguage: string | undefined,
): Promise<{ answer: EligibilityAnswer; source: AnswerSource }> {
  const { site, survey, body, sighting } = call;
  const { now } = sighting;
  const forceShow = site.testMode && body.show === true;
  // An event may be the survey's trigger, and a delayed survey's second call records its showing.
  const mayRecall = body.event === undefined && body.waited !== true && !forceShow;
  const remembered = mayRecall ? services.memory.recall(site.id, survey, body.user, now) : undefined;
  if (remembered) return { answer: notNow(remembered, now), source: 'memory' };

  const outcome = await services.shedding.run(() => decideFromDatabase(db, call, forceShow));
  if (outcome.shed) {
    const detail = 'the service is busy; the widget asks again in a moment';
    return { answer: { eligible: false, reason: 'busy', retryAfter: busyRetrySeconds(), detail }, source: 'shed' };
  }
  const { decision, warnings, impressionId } = outcome.value;
  if (!decision.eligible) {
    const no = { reason: decision.reason, detail: decision.detail, until: decision.until ?? null, warnings };
    if (mayRecall) services.memory.remember(site.id, survey, body.user, now, no);
    return { answer: notNow(no, now), source: 'database' };
  }
  const locale = body.user.locale ?? preferredLanguage(acceptLanguage);
  return {
    answer: {
      eligible: true,
      survey: renderSurvey(survey, call.settings(), locale, impressionId),
      ...(warnings.length ? { warnings } : {}),
    },
    source: 'database',
  };
}

/** Reads the user and their history (writing the user only when this sighting changes them); on a yes, records the showing once. */
async function decideFromDatabase(db: Database, call: WidgetCall<EligibilityRequest>, forceShow: boolean) {
  const { site, survey, body, sighting } = call;
  const settings = call.settings();
  const { now } = sighting;
  const read = { sighting, surveyId: survey.id, settings };
  const facts = (await readUnchangedUserAndHistory(db, read)) ?? (await recordUserAndReadHistory(db, read));
  const sampling = sampleBucket(survey.id, body.user.userId, settings.sampling.periodDays, now);
  let decision: Decision = decideEligibility({
    now,
    settings,
    enabled: survey.enabled,
    event: body.event,
    forceShow,
    user: { ...facts.user, sampleBucket: sampling.bucket, samplingPeriodEndsAt: sampling.periodEndsAt },
    history: facts.history,
    caps: facts.caps,
  });
  const impressionId = randomUUID();
  // A delayed survey is recorded when the widget asks again after the delay, still on the page.
  const delayed = settings.appearance.delaySeconds > 0 && body.waited !== true && !forceShow;
  if (decision.eligible && !delayed) {
    const shown = await recordImpression(db, {
      siteId: site.id,
      surveyId: survey.id,
      userId: body.user.userId,
      impressionId,
      showToken: facts.showToken,
      startsRound: startsRound(facts.history, settings),
      test: forceShow,
      now,
      url: body.url,
    });
    if (!shown) {
      const retryAfter = settings.throttle.hoursAfterImpression * 3600;
      decision = {
        eligible: false,
        reason: 'recently_shown',
        detail: 'shown a moment ago in another tab or window',
        ...(retryAfter ? { retryAfter, until: new Date(now.getTime() + retryAfter * 1000) } : {}),
      };
    }
  }
  return { decision, warnings: traitWarnings(body.user, facts.user), impressionId };
}
