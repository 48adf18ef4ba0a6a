import { createRoute, z } from '@hono/zod-openapi';
import { wootricAccountTokenSchema, wootricSiteSchema } from '@tenpoint/shared';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../app-env.ts';
import type { Services } from '../../deps.ts';
import { ApiError } from '../../errors.ts';
import { errors, json } from '../../openapi/answers.ts';
import { siteKeyOfWootricToken } from '../../sites/wootric-token.ts';
import { router } from '../router.ts';

const findWootricSite = createRoute({
  method: 'get',
  path: '/{accountToken}',
  operationId: 'findWootricSite',
  tags: ['Wootric'],
  summary: 'The site a pasted Wootric snippet runs',
  description:
    '`/wootric.js` asks this with the snippet’s `account_token` and loads `widget.js` with the site key. Public, from any page ' +
    '(the token and the site key are both in the page already); answers may be kept 5 minutes. 404 when no site has the token ' +
    '(set it with `PATCH /v1/site`).',
  security: [],
  request: {
    params: z.object({
      accountToken: wootricAccountTokenSchema.meta({
        description: 'The `account_token` of the Wootric snippet.',
        examples: ['NPS-7fbb3f3c'],
      }),
    }),
  },
  responses: { 200: json('The site’s public key.', wootricSiteSchema), ...errors(400, 404, 429, 503) },
});

// Read by a script on any vendor page; the answer holds nothing the page does not show already.
const anyPage = createMiddleware<AppEnv>(async (c, next) => {
  c.header('Access-Control-Allow-Origin', '*');
  await next();
});

export function wootricSiteRoutes(deps: Services) {
  return router().openapi({ ...findWootricSite, middleware: anyPage }, async (c) => {
    const siteKey = await siteKeyOfWootricToken(deps.db, c.req.valid('param').accountToken);
    if (!siteKey)
      throw new ApiError(
        'not_found',
        'accountToken: no site has this Wootric account token; set it on the site with PATCH /v1/site { "wootricAccountToken": … } ' +
          '(the console’s Install page, Switching from Wootric)',
      );
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({ siteKey }, 200);
  });
}
