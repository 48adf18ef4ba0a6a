import { z } from 'zod';
import { ineligibleReasons } from './widget.ts';

const traitValue = z.union([z.string(), z.number(), z.boolean()]);

export const siteTraitSchema = z
  .object({
    name: z.string().meta({ description: 'A user trait (`plan`), or an account trait with the `account.` prefix (`account.tier`).' }),
    users: z.int().describe('How many of the users read have this trait (for an account trait: how many accounts).'),
    segment: z.boolean().describe("Listed in a survey's `segmentTraits`: kept in the score tallies, fast to filter and group by."),
    values: z.array(z.object({ value: traitValue, users: z.int() })).describe('Its most common values, most first, at most 20.'),
    moreValues: z.boolean().describe('More values exist than are listed.'),
  })
  .meta({ id: 'SiteTrait' });
export type SiteTrait = z.infer<typeof siteTraitSchema>;

export const siteTraitsSchema = z
  .object({
    data: z.array(siteTraitSchema).describe('Segment traits first, then by how many users have them; at most 300.'),
    moreTraits: z.boolean().describe('More traits were sent than the 300 listed: the least common are left out.'),
    usersRead: z.int().describe('The users read for this list: the most recently seen, at most 10,000.'),
  })
  .meta({ id: 'SiteTraits' });
export type SiteTraits = z.infer<typeof siteTraitsSchema>;

const isoTime = z.string().meta({ examples: ['2026-03-03T09:00:00.000Z'] });

export const surveyDecisionSchema = z
  .object({
    surveyId: z.string(),
    name: z.string(),
    type: z.enum(['nps', 'csat', 'ces']),
    eligible: z.boolean().describe('Whether the next widget call would show this survey (right after its trigger event, if it has one).'),
    reason: z.enum(ineligibleReasons).nullable().describe('Why not; null when eligible.'),
    words: z.string().meta({
      description: 'The decision in words, with when it changes.',
      examples: ['Answered 12 days ago (20 Nov 2026): asked again from 18 Feb 2027.'],
    }),
    changesAt: isoTime.nullable().describe('When the answer may change, when that is known.'),
    lastResponseAt: isoTime.nullable(),
    lastDeclineAt: isoTime.nullable(),
    lastImpressionAt: isoTime.nullable(),
  })
  .meta({ id: 'SurveyDecision' });
export type SurveyDecision = z.infer<typeof surveyDecisionSchema>;

export const userEligibilitySchema = z
  .object({
    userId: z.string(),
    at: isoTime.describe('When the decisions were made: now.'),
    surveys: z.array(surveyDecisionSchema).describe('Every survey of the site, the default first.'),
  })
  .meta({ id: 'UserEligibility' });
export type UserEligibility = z.infer<typeof userEligibilitySchema>;
