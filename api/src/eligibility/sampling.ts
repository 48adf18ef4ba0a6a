import { createHash } from 'node:crypto';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * A number from 0 to 100 that stays the same for one user, survey and period, so that a reload
 * gets the same sampling answer while a new period draws again.
 */
export function sampleBucket(surveyId: string, userId: string, periodDays: number, now: Date) {
  const period = Math.floor(now.getTime() / (periodDays * dayMs));
  const digest = createHash('sha256').update(`${surveyId}\u0000${userId}\u0000${period}`).digest();
  return { bucket: (digest.readUInt32BE(0) / 2 ** 32) * 100, periodEndsAt: new Date((period + 1) * periodDays * dayMs) };
}
