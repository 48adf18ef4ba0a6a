import type { UserEligibility } from '@tenpoint/shared';
import { surveySettingsSchema } from '@tenpoint/shared';
import { asc, desc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { surveys } from '../db/schema/index.ts';
import { decideEligibility } from './decide-eligibility.ts';
import { explainDecision } from './explain-decision.ts';
import { readKnownUser, readSurveyHistory } from './read-user-facts.ts';
import { sampleBucket } from './sampling.ts';

/**
 * The decision each of the site's surveys would give this user now, by the widget's own rules,
 * explained; null when the site has never seen them. Records nothing: looking is not a sighting.
 */
export async function explainUser(db: Database, siteId: string, userId: string, now: Date): Promise<UserEligibility | null> {
  const user = await readKnownUser(db, siteId, userId);
  if (!user) return null;
  const rows = await db.select().from(surveys).where(eq(surveys.siteId, siteId)).orderBy(desc(surveys.isDefault), asc(surveys.createdAt));
  const decisions = [];
  for (const survey of rows) {
    const settings = surveySettingsSchema.parse(survey.settings);
    const { history, caps } = await readSurveyHistory(db, {
      siteId,
      surveyId: survey.id,
      user: { userId, accountId: user.accountId },
      settings,
      now,
    });
    const sampling = sampleBucket(survey.id, userId, settings.sampling.periodDays, now);
    const facts = {
      now,
      settings,
      enabled: survey.enabled,
      // Asked as right after its trigger event: the other rules are what a team wants explained.
      event: settings.triggerEvent ?? undefined,
      forceShow: false,
      user: { ...user, sampleBucket: sampling.bucket, samplingPeriodEndsAt: sampling.periodEndsAt },
      history,
      caps,
    };
    const explained = explainDecision(decideEligibility(facts), facts);
    const iso = (date: Date | null) => date?.toISOString() ?? null;
    decisions.push({
      surveyId: survey.id,
      name: survey.name,
      type: survey.type,
      ...explained,
      changesAt: iso(explained.changesAt),
      lastResponseAt: iso(history.lastResponseAt),
      lastDeclineAt: iso(history.lastDeclineAt),
      lastImpressionAt: iso(history.lastImpressionAt),
    });
  }
  return { userId, at: now.toISOString(), surveys: decisions };
}
