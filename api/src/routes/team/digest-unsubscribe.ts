import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { consoleLink } from '../../auth/console-links.ts';
import { members } from '../../db/schema/index.ts';
import type { Services } from '../../deps.ts';
import { setDigestChoice } from '../../digest/member-settings.ts';
import { memberOfToken, unsubscribeSecret } from '../../digest/unsubscribe-token.ts';
import { ApiError } from '../../errors.ts';
import { errors } from '../../openapi/answers.ts';
import { router } from '../router.ts';

const query = z.object({
  token: z.string().max(200).meta({ description: 'The token of the digest’s unsubscribe link.' }),
});
const done = { description: 'The digest is off; a short page says so.', content: { 'text/html': { schema: z.string() } } };
const description =
  'The link at the foot of every weekly digest, and its `List-Unsubscribe` header (one click, RFC 8058: mail clients POST ' +
  '`List-Unsubscribe=One-Click`). No session needed: the token, signed by this instance, names the member. 400 for a bad token.';

const unsubscribeByLink = createRoute({
  method: 'get',
  path: '/digest/unsubscribe',
  operationId: 'unsubscribeDigestByLink',
  tags: ['Organizations'],
  summary: 'Turn the weekly digest off from its link',
  description,
  security: [],
  request: { query },
  responses: { 200: done, ...errors(400, 429, 503) },
});

const unsubscribeOneClick = createRoute({
  ...unsubscribeByLink,
  method: 'post',
  operationId: 'unsubscribeDigestOneClick',
  summary: 'Turn the weekly digest off in one click (RFC 8058)',
  responses: { 200: done, ...errors(400, 403, 413, 429, 503) },
});

const page = (settingsUrl: string) =>
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
  '<title>Unsubscribed</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">' +
  '<h1>You are unsubscribed</h1><p>You will get no more weekly digests from this organization.</p>' +
  `<p><a href="${settingsUrl.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">Turn it back on in the console</a></p></body></html>`;

/** The weekly digest's unsubscribe link: public, its token is the credential. */
export function digestUnsubscribeRoutes(deps: Services) {
  const unsubscribe = async (c: Context<AppEnv>, token: string) => {
    const memberId = memberOfToken(await unsubscribeSecret(deps.db), token);
    const [member] = memberId
      ? await deps.db.select({ organizationId: members.organizationId }).from(members).where(eq(members.id, memberId))
      : [];
    if (!memberId || !member)
      throw new ApiError('invalid_request', 'token: this unsubscribe link is not valid; copy it whole from the email');
    await setDigestChoice(deps.db, memberId, 'off');
    const settings = consoleLink(deps.publicUrl, `organizations/${member.organizationId}/notifications`);
    return c.html(page(settings), 200, { 'Cache-Control': 'no-store' });
  };
  return router()
    .openapi(unsubscribeByLink, (c) => unsubscribe(c, c.req.valid('query').token))
    .openapi(unsubscribeOneClick, (c) => unsubscribe(c, c.req.valid('query').token));
}
