import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { dailyTallies, hourlyTallies, type Survey, surveys, tallyChanges, weeklyTallies } from '../db/schema/index.ts';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * Deletes a survey with everything recorded for it: its responses, impressions and declines go by
 * the foreign keys; their tallies and the changes not yet folded are deleted here, under the
 * folding lock, so that no fold adds the deleted rows back as negative tallies.
 */
export async function deleteSurvey(tx: Transaction, survey: Pick<Survey, 'siteId' | 'id'>): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('tenpoint_fold_tallies'))`);
  await tx.delete(surveys).where(and(eq(surveys.siteId, survey.siteId), eq(surveys.id, survey.id)));
  for (const table of [tallyChanges, hourlyTallies, dailyTallies, weeklyTallies]) {
    await tx.delete(table).where(and(eq(table.siteId, survey.siteId), eq(table.surveyId, survey.id)));
  }
}

/** A copy's name: the original's with " (copy)", shortened to fit the 100 characters a name may have. */
export function copyName(name: string): string {
  const suffix = ' (copy)';
  return `${name.slice(0, 100 - suffix.length)}${suffix}`;
}
