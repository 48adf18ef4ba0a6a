import { createRoute } from '@hono/zod-openapi';
import { followUpEntrySchema, replyCreateSchema } from '@tenpoint/shared';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Services } from '../../deps.ts';
import { sendReply } from '../../follow-ups/replies/send-reply.ts';
import { idPath } from '../../input/ids.ts';
import { jsonBody } from '../../input/json-body.ts';
import { requireSite } from '../../middleware/site-access.ts';
import { conflict, errors, json, vendor, vendorBody, vendorBodyErrors } from '../../openapi/answers.ts';
import { router } from '../router.ts';

const createReply = createRoute({
  method: 'post',
  path: '/v1/responses/{id}/replies',
  operationId: 'createReply',
  tags: ['Follow-ups'],
  summary: 'Email the respondent a reply',
  description:
    'Sent from the configured sender address with the name "<member> at <site>", `Reply-To` the response’s owner (the ' +
    'member replying becomes the owner of a response that has none). The message says who writes and why, quoting the ' +
    'respondent’s own score and comment, and nothing of anyone else’s. The reply joins the response’s thread with what ' +
    'the SMTP server did: `sent`, `kept` (no SMTP server: in the outbox) or `failed` with the reason, which still answers ' +
    '201. Needs the respondent’s email (from `identify`): 409 without it, and 409 through a key when the response has no owner.',
  ...vendor,
  request: { params: idPath('The response id.'), body: vendorBody(replyCreateSchema) },
  responses: {
    201: json('The reply as it stands in the thread, with its delivery.', followUpEntrySchema),
    ...errors(...vendorBodyErrors, 404),
    409: conflict(
      'No email is known for the respondent, or (through a key) the response has no owner to answer to.',
      'this response has no owner: assign an owner first, whose email the respondent can answer',
    ),
  },
});

/** Replies to a respondent by email, from the inbox. */
export function replyRoutes(deps: Services) {
  return router().openapi({ ...createReply, middleware: [requireSite(deps, () => 'followUp'), jsonBody] as const }, async (c) => {
    const { subject, body } = c.req.valid('json');
    const responseId = c.req.valid('param').id;
    const entry = await sendReply(deps.db, deps.mailer, {
      site: c.get('site'),
      caller: c.get('caller'),
      responseId,
      subject,
      body,
      now: deps.now(),
    });
    // The response id only: no address and no words, so that erasing the user leaves nothing of them here.
    await recordAudit(deps.db, c, { action: 'response.replied', target: responseId, after: { delivery: entry.delivery } });
    return c.json(entry, 201);
  });
}
