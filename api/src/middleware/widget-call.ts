import { createHmac, timingSafeEqual } from 'node:crypto';
import { describeZodError, type UserInput } from '@tenpoint/shared';
import { createMiddleware } from 'hono/factory';
import type { z } from 'zod';
import type { AppEnv, Services } from '../app-env.ts';
import type { Site } from '../db/schema/index.ts';
import { ApiError } from '../errors.ts';
import { parseJsonText } from '../input/json-body.ts';

interface WidgetCallBody {
  siteKey: string;
  user: UserInput;
}

function checkOrigin(site: Site, origin: string | undefined) {
  if (origin === undefined || site.allowedOrigins.includes(origin)) return;
  throw new ApiError(
    'forbidden',
    `Origin: ${origin} is not allowed for this site; add it with \`pnpm tenpoint sites origins add --site ${site.siteKey} ${origin}\` or POST /v1/site/origins`,
  );
}

function checkIdentity(site: Site, user: UserInput) {
  if (!site.enforceIdentity || !site.identitySecret) return;
  if (!user.userHash) {
    throw new ApiError('unauthorized', 'user.userHash: this site requires identity verification; send the HMAC-SHA256 of userId');
  }
  const expected = createHmac('sha256', site.identitySecret).update(user.userId).digest();
  const given = Buffer.from(user.userHash, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ApiError('unauthorized', 'user.userHash: does not match userId; compute it with the identity secret on your server');
  }
}

/**
 * Reads a widget call: the body as JSON whatever its Content-Type (text/plain spares the browser a
 * preflight), then its site by public key, the page's origin and the user's identity.
 */
export function widgetCall<Schema extends z.ZodType<WidgetCallBody>>(schema: Schema, deps: Services) {
  return createMiddleware<AppEnv & { Variables: { body: z.infer<Schema> } }>(async (c, next) => {
    const origin = c.req.header('origin');
    // Errors reach the page too, so that the widget can say what to fix; success needs an allowed origin.
    if (origin) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Vary', 'Origin');
    }
    const parsed = schema.safeParse(parseJsonText(await c.req.text()));
    if (!parsed.success) throw new ApiError('invalid_request', describeZodError(parsed.error));
    const site = await deps.lookups.siteByKey(parsed.data.siteKey);
    if (!site) throw new ApiError('unauthorized', 'siteKey: no site has this key; check data-site-key on the script tag');
    deps.siteLimiter.take(site.id, 'this site');
    checkOrigin(site, origin);
    checkIdentity(site, parsed.data.user);
    c.set('site', site);
    c.set('body', parsed.data);
    await next();
  });
}
