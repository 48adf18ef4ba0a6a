import { z } from 'zod';
import { surveyTypes } from '../scores.ts';

const isoDate = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'must be an ISO 8601 date such as 2026-01-31',
});

export const scoresQuerySchema = z.object({
  surveyId: z.uuid({ error: 'must be a survey id (a UUID)' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type ScoresQuery = z.infer<typeof scoresQuerySchema>;

const count = z.int().nonnegative();

export const scoresAnswerSchema = z.object({
  type: z.enum(surveyTypes),
  surveyId: z.uuid(),
  nps: z.number().nullable().optional(),
  csat: z.number().nullable().optional(),
  ces: z.number().nullable().optional(),
  marginOfError: z.number().nullable(),
  responses: count,
  promoters: count.optional(),
  passives: count.optional(),
  detractors: count.optional(),
  low: count.optional(),
  middle: count.optional(),
  high: count.optional(),
  declines: count,
  impressions: count,
  /** Users who answered / users shown, from 0 to 1; null when nobody was shown the survey. */
  responseRate: z.number().min(0).max(1).nullable(),
  series: z.array(z.unknown()),
  groups: z.array(z.unknown()),
});
export type ScoresAnswer = z.infer<typeof scoresAnswerSchema>;
