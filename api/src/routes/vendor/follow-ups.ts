import { createRoute } from '@hono/zod-openapi';
import {
  followUpBulkAnswerSchema,
  followUpBulkSchema,
  followUpEntrySchema,
  followUpPatchSchema,
  followUpSchema,
  inboxPageSchema,
  inboxQuerySchema,
  noteCreateSchema,
  responseDetailSchema,
} from '@tenpoint/shared';
import type { Services } from '../../deps.ts';
import { ApiError } from '../../errors.ts';
import { changeFollowUps } from '../../follow-ups/change-follow-ups.ts';
import { findInbox } from '../../follow-ups/inbox.ts';
import { callerMember } from '../../follow-ups/members-of-site.ts';
import { replyAddress } from '../../follow-ups/replies/reply-message.ts';
import { findItem, followUpOf, inboxItem } from '../../follow-ups/response-items.ts';
import { addNote, threadOf } from '../../follow-ups/thread.ts';
import { idPath, isUuid } from '../../input/ids.ts';
import { jsonBody } from '../../input/json-body.ts';
import { requireSite } from '../../middleware/site-access.ts';
import { errors, json, vendor, vendorBody, vendorBodyErrors, vendorErrors } from '../../openapi/answers.ts';
import { router } from '../router.ts';

const tags = ['Follow-ups'];
const responsePath = idPath('The response id.');
const writes = 'Owners, admins, analysts and full-access keys; viewers and read-only keys get 403.';

const routes = {
  get: createRoute({
    method: 'get',
    path: '/v1/responses/{id}',
    operationId: 'getResponse',
    tags,
    summary: 'One response, its follow-up and its thread',
    description: 'Test-mode responses too. The thread (notes and replies) is oldest first.',
    ...vendor,
    request: { params: responsePath },
    responses: { 200: json('The response.', responseDetailSchema), ...errors(...vendorErrors, 404) },
  }),
  patch: createRoute({
    method: 'patch',
    path: '/v1/responses/{id}/follow-up',
    operationId: 'updateFollowUp',
    tags,
    summary: 'Assign, tag, close or reopen a response',
    description:
      'The fields given change, the rest stay. `ownerId` must be a member of the site’s organization. Closing needs a ' +
      'resolution, given or stored. Tags match whatever their case and keep the case first given. The first change of any ' +
      'kind sets `firstFollowUpAt`. Sends `response.assigned` and `response.closed` webhooks (not for test-mode responses). ' +
      writes,
    ...vendor,
    request: { params: responsePath, body: vendorBody(followUpPatchSchema) },
    responses: { 200: json('The follow-up as it is now.', followUpSchema), ...errors(...vendorBodyErrors, 404) },
  }),
  note: createRoute({
    method: 'post',
    path: '/v1/responses/{id}/notes',
    operationId: 'addNote',
    tags,
    summary: 'Add an internal note to a response',
    description: `Never sent to the respondent. The author is the signed-in member, or the key by its name. ${writes}`,
    ...vendor,
    request: { params: responsePath, body: vendorBody(noteCreateSchema) },
    responses: { 201: json('The note.', followUpEntrySchema), ...errors(...vendorBodyErrors, 404) },
  }),
  bulk: createRoute({
    method: 'post',
    path: '/v1/follow-ups/bulk',
    operationId: 'bulkUpdateFollowUps',
    tags,
    summary: 'One change to many responses',
    description: `Up to 200 responses; all or none: a change invalid for one of them changes none. ${writes}`,
    ...vendor,
    request: { body: vendorBody(followUpBulkSchema) },
    responses: {
      200: json('Which changed, and which are no response of this site.', followUpBulkAnswerSchema),
      ...errors(...vendorBodyErrors),
    },
  }),
  inbox: createRoute({
    method: 'get',
    path: '/v1/inbox',
    operationId: 'getInbox',
    tags,
    summary: 'Responses to follow up, across every survey',
    description:
      'Test-mode responses are left out. Low scores with a comment first, then other low scores, then the rest; the longest ' +
      'waiting first in each. `owner=me` needs a signed-in member (400 with a key).',
    ...vendor,
    request: { query: inboxQuerySchema },
    responses: { 200: json('One page; pass `nextCursor` as `cursor` for the next.', inboxPageSchema), ...errors(...vendorErrors) },
  }),
};

const notFound = (id: string) => new ApiError('not_found', `id: no response ${id} on this site`);

/** Following up responses: the inbox, one response with its thread, and changing, noting and bulk-changing them. */
export function followUpRoutes(deps: Services) {
  const followingUp = requireSite(deps, () => 'followUp');
  return router()
    .openapi({ ...routes.get, middleware: requireSite(deps) }, async (c) => {
      const { id } = c.req.valid('param');
      const siteId = c.get('site').id;
      const item = isUuid(id) ? await findItem(deps.db, siteId, id) : undefined;
      if (!item) throw notFound(id);
      // The address a reply goes to, for those who may read a user's data (not viewers).
      const caller = c.get('caller');
      const email = caller.kind === 'key' || caller.role !== 'viewer' ? (replyAddress(item.userEmail) ?? null) : null;
      return c.json({ ...inboxItem(item), email, thread: await threadOf(deps.db, siteId, item.id) }, 200);
    })
    .openapi({ ...routes.patch, middleware: [followingUp, jsonBody] as const }, async (c) => {
      const { id } = c.req.valid('param');
      if (!isUuid(id)) throw notFound(id);
      const { updated } = await changeFollowUps(deps.db, c, [id], c.req.valid('json'), deps.now());
      const item = updated.length ? await findItem(deps.db, c.get('site').id, id) : undefined;
      if (!item) throw notFound(id);
      return c.json(followUpOf(item), 200);
    })
    .openapi({ ...routes.note, middleware: [followingUp, jsonBody] as const }, async (c) => {
      const { id } = c.req.valid('param');
      if (!isUuid(id)) throw notFound(id);
      return c.json(await addNote(deps.db, c, id.toLowerCase(), c.req.valid('json').body, deps.now()), 201);
    })
    .openapi({ ...routes.bulk, middleware: [followingUp, jsonBody] as const }, async (c) => {
      const { responseIds, change } = c.req.valid('json');
      return c.json(await changeFollowUps(deps.db, c, responseIds, change, deps.now()), 200);
    })
    .openapi({ ...routes.inbox, middleware: requireSite(deps) }, async (c) => {
      const site = c.get('site');
      const me = await callerMember(deps.db, site, c.get('caller'));
      const raw = new URL(c.req.url).searchParams;
      return c.json(await findInbox(deps.db, site.id, c.req.valid('query'), raw, me?.memberId), 200);
    });
}
