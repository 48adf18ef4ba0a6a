import { z } from 'zod';
import { surveyTypes } from '../scores.ts';
import { clientUuid } from './ids.ts';
import { queryInteger } from './query-integer.ts';
import { scoresQuerySchema, storedResponseSchema, traitFiltersSchema } from './vendor.ts';

export const followUpStates = ['new', 'in_progress', 'closed'] as const;
export type FollowUpState = (typeof followUpStates)[number];

const tag = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, 'must not be empty')
  .max(40, 'must be at most 40 characters')
  .regex(/^[^\p{Cc}\p{Cs}]+$/u, 'must not contain control characters');
const tags = z.array(tag, { error: 'must be a list of tags' }).max(20, 'must be at most 20 tags');

/** What the team does about a response. A response nobody touched is `new`, unassigned, untagged. */
export const followUpSchema = z
  .object({
    state: z.enum(followUpStates),
    owner: z
      .object({ memberId: z.uuid(), name: z.string(), email: z.string() })
      .nullable()
      .describe('The member who follows it up; null when unassigned.'),
    resolution: z
      .string()
      .nullable()
      .meta({ description: 'How it was closed, in the team’s words.', examples: ['Called back; export bug fixed in 4.2.'] }),
    tags: z.array(z.string()).meta({ examples: [['billing', 'called']] }),
    firstFollowUpAt: z.iso.datetime().nullable().describe('When anyone first assigned, noted, replied or changed its state.'),
    closedAt: z.iso.datetime().nullable(),
    updatedAt: z.iso.datetime().nullable().describe('Null when nobody has touched it yet.'),
  })
  .meta({ id: 'FollowUp' });
export type FollowUpAnswer = z.infer<typeof followUpSchema>;

/** `PATCH /v1/responses/{id}/follow-up`: the fields given change, the rest stay. */
export const followUpPatchSchema = z
  .object({
    state: z.enum(followUpStates, { error: 'must be new, in_progress or closed' }).optional(),
    ownerId: clientUuid('must be a member id (a UUID) or null')
      .nullable()
      .optional()
      .describe('A member of the site’s organization; null unassigns.'),
    resolution: z
      .string({ error: 'must be text' })
      .trim()
      .min(1, 'must not be empty')
      .max(1000, 'must be at most 1000 characters')
      .nullable()
      .optional()
      .describe('Required when `state` becomes `closed` (here or already stored).'),
    tags: tags.optional().describe('Replaces the tags.'),
    addTags: tags.optional(),
    removeTags: tags.optional(),
  })
  .strict()
  .meta({ id: 'FollowUpPatch' });
export type FollowUpPatch = z.infer<typeof followUpPatchSchema>;

/** `POST /v1/follow-ups/bulk`: one change to many responses of the site (assign, tag, state). */
export const followUpBulkSchema = z
  .object({
    responseIds: z
      .array(clientUuid('must be a response id (a UUID)'), { error: 'must be a list of response ids' })
      .min(1, 'must name at least one response')
      .max(200, 'must be at most 200 responses'),
    change: followUpPatchSchema,
  })
  .strict()
  .meta({ id: 'FollowUpBulk' });

export const followUpBulkAnswerSchema = z
  .object({
    updated: z.array(z.uuid()),
    notFound: z.array(z.uuid()).describe('Ids that are no response of this site: nothing changed for them.'),
  })
  .meta({ id: 'FollowUpBulkAnswer' });

export const followUpEntrySchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['note', 'reply']).describe('`note`: internal, never sent; `reply`: emailed to the respondent.'),
    author: z.object({ memberId: z.uuid().nullable(), name: z.string() }),
    body: z.string().describe('Plain text: show it as text, never as HTML.'),
    subject: z.string().nullable(),
    sentTo: z.string().nullable(),
    delivery: z
      .enum(['sent', 'kept', 'failed'])
      .nullable()
      .describe(
        'Replies: `sent` (the SMTP server took it), `kept` (no SMTP server: in the outbox), `failed` (refused; kept with the reason).',
      ),
    deliveryError: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'FollowUpEntry' });
export type FollowUpEntryAnswer = z.infer<typeof followUpEntrySchema>;

export const noteCreateSchema = z
  .object({
    body: z.string({ error: 'must be text' }).trim().min(1, 'must not be empty').max(5000, 'must be at most 5000 characters'),
  })
  .strict()
  .meta({ id: 'NoteCreate' });

export const replyCreateSchema = z
  .object({
    subject: z.string({ error: 'must be text' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
    body: z.string({ error: 'must be text' }).trim().min(1, 'must not be empty').max(10000, 'must be at most 10000 characters'),
  })
  .strict()
  .meta({ id: 'ReplyCreate' });

const surveyOfResponse = z.object({ id: z.uuid(), type: z.enum(surveyTypes), name: z.string() });

/** A response as the inbox lists it: with its survey and follow-up. */
export const inboxItemSchema = storedResponseSchema
  .extend({
    survey: surveyOfResponse,
    followUp: followUpSchema,
    replyable: z.boolean().describe('The respondent’s email is known (from `identify`): a reply can be sent.'),
  })
  .meta({ id: 'InboxItem' });
export type InboxItem = z.infer<typeof inboxItemSchema>;

/** `GET /v1/responses/{id}`: the response, its follow-up and its thread, oldest entry first. */
export const responseDetailSchema = inboxItemSchema
  .extend({
    email: z
      .string()
      .nullable()
      .describe('The address a reply goes to; null when none is known, or for a viewer (who may not read a user’s data).'),
    thread: z.array(followUpEntrySchema),
  })
  .meta({ id: 'ResponseDetail' });
export type ResponseDetail = z.infer<typeof responseDetailSchema>;

/** `GET /v1/inbox`: responses of every survey of the site that need (or needed) following up. */
export const inboxQuerySchema = z.object({
  state: z
    .enum(['open', 'new', 'in_progress', 'closed', 'all'], { error: 'must be open, new, in_progress, closed or all' })
    .default('open')
    .describe('`open`: new or in progress.'),
  owner: z
    .string()
    .regex(/^(me|none|[0-9a-fA-F-]{36})$/, 'must be me, none or a member id')
    .optional()
    .describe('`me` (a signed-in member), `none` (unassigned) or a member id.'),
  tag: tag.optional().describe('Only responses with this tag, whatever its case.'),
  category: z
    .enum(['detractor', 'passive', 'promoter', 'low', 'middle', 'high'], {
      error: 'must be detractor, passive, promoter, low, middle or high',
    })
    .optional()
    .describe('detractor is the low band of any survey type (low score for CSAT and CES), and so on.'),
  hasComment: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .optional()
    .describe('true: only responses with a comment; false: only those without.'),
  accountId: z.string().max(200, 'must be at most 200 characters').optional().describe('Only responses of users of this account.'),
  surveyId: clientUuid('must be a survey id (a UUID)').optional().describe('Only responses to this survey.'),
  from: scoresQuerySchema.shape.from,
  to: scoresQuerySchema.shape.to,
  tz: scoresQuerySchema.shape.tz,
  trait: traitFiltersSchema,
  cursor: z.string().max(500, 'must be the nextCursor of an earlier page').optional().describe('The `nextCursor` of the page before.'),
  limit: queryInteger(1, 200, 50).describe('How many on a page.'),
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

export const inboxPageSchema = z
  .object({
    data: z
      .array(inboxItemSchema)
      .describe('Low scores with a comment first, then other low scores, then the rest; within each, the longest waiting first.'),
    nextCursor: z.string().nullable(),
    counts: z
      .object({ open: z.int(), unassigned: z.int(), mine: z.int().nullable() })
      .describe('Open responses of the site, any filter aside.'),
  })
  .meta({ id: 'InboxPage' });

/** In `GET /v1/scores`: how well the low scores of the range are followed up. */
export const followUpFiguresSchema = z
  .object({
    lowScores: z.int().describe('Responses in the low band (detractors for NPS) in the range.'),
    followedUp: z.int().describe('Of those, how many anyone followed up (assigned, noted, replied or changed state).'),
    followedUpShare: z.number().nullable().describe('followedUp / lowScores, 0–1; null with no low scores.'),
    medianHoursToFirstFollowUp: z.number().nullable().describe('From the response to its first follow-up, of those followed up.'),
    openByAge: z
      .object({ underADay: z.int(), oneToSevenDays: z.int(), sevenToThirtyDays: z.int(), older: z.int() })
      .describe('Low scores in the range still open (new or in progress), by the time since the response.'),
  })
  .meta({ id: 'FollowUpFigures' });
export type FollowUpFigures = z.infer<typeof followUpFiguresSchema>;
