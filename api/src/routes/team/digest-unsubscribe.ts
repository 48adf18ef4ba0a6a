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
const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });
const description =
  'The link at the foot of every weekly digest, and its `List-Unsubscribe` header (one click, RFC 8058: mail clients POST ' +
  '`List-Unsubscribe=One-Click`). No session needed: the token, signed by this instance, names the member. 400 for a bad token.';

const unsubscribeByLink = createRoute({
  method: 'get',
  path: '/digest/unsubscribe',
  operationId: 'unsubscribeDigestByLink',
  tags: ['Organizations'],
  summary: 'The page of the digest’s unsubscribe link',
  description: `${description} Opening the link changes nothing (mail scanners open links): its page has the one button that POSTs.`,
  security: [],
  request: { query },
  responses: { 200: html('A page with the Unsubscribe button.'), ...errors(400, 429, 503) },
});

const unsubscribeOneClick = createRoute({
  ...unsubscribeByLink,
  method: 'post',
  operationId: 'unsubscribeDigestOneClick',
  summary: 'Turn the weekly digest off in one click (RFC 8058)',
  description,
  responses: { 200: html('The digest is off; a short page says so.'), ...errors(400, 403, 413, 429, 503) },
});

const attribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const page = (title: string, body: string) =>
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
  `<title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">` +
  `<h1>${title}</h1>${body}</body></html>`;
const askPage = (postUrl: string) =>
  page(
    'Unsubscribe from the weekly digest',
    '<p>You will get no more weekly digests from this organization.</p>' +
      `<form method="post" action="${attribute(postUrl)}"><input type="hidden" name="List-Unsubscribe" value="One-Click">` +
      '<button type="submit" style="font-size:1rem;padding:.5rem 1rem">Unsubscribe</button></form>',
  );
const donePage = (settingsUrl: string) =>
  page(
    'You are unsubscribed',
    '<p>You will get no more weekly digests from this organization.</p>' +
      `<p><a href="${attribute(settingsUrl)}">Turn it back on in the console</a></p>`,
  );

/** The weekly digest's unsubscribe link: public, its token is the credential. */
export function digestUnsubscribeRoutes(deps: Services) {
  const memberOf = async (token: string) => {
    const memberId = memberOfToken(await unsubscribeSecret(deps.db), token);
    const [member] = memberId
      ? await deps.db.select({ organizationId: members.organizationId }).from(members).where(eq(members.id, memberId))
      : [];
    if (!memberId || !member)
      throw new ApiError('invalid_request', 'token: this unsubscribe link is not valid; copy it whole from the email');
    return { memberId, organizationId: member.organizationId };
  };
  const unsubscribe = async (c: Context<AppEnv>, token: string) => {
    const member = await memberOf(token);
    await setDigestChoice(deps.db, member.memberId, 'off');
    const settings = consoleLink(deps.publicUrl, `organizations/${member.organizationId}/notifications`);
    return c.html(donePage(settings), 200, { 'Cache-Control': 'no-store' });
  };
  return router()
    .openapi(unsubscribeByLink, async (c) => {
      const { token } = c.req.valid('query');
      await memberOf(token);
      const postUrl = `${deps.publicUrl}/v1/digest/unsubscribe?token=${encodeURIComponent(token)}`;
      return c.html(askPage(postUrl), 200, { 'Cache-Control': 'no-store' });
    })
    .openapi(unsubscribeOneClick, (c) => unsubscribe(c, c.req.valid('query').token));
}
