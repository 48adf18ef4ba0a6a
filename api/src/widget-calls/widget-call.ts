import { createHmac, timingSafeEqual } from 'node:crypto';
import type { UserInput } from '@tenpoint/shared';
import { createMiddleware } from 'hono/factory';
import type { z } from 'zod';
import type { AppEnv } from '../app-env.ts';
import type { Site } from '../db/schema/index.ts';
import type { Services } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { readBodyText } from '../input/body-text.ts';
import { parseJsonText } from '../input/json-body.ts';
import { validated } from '../input/validation.ts';
import { surveyOrNotFound } from '../surveys/find-survey.ts';
import type { WidgetCall, WidgetCallBody } from './widget-call-context.ts';

function checkOrigin(site: Site, origin: string | undefined) {
  if (origin === undefined || site.allowedOrigins.includes(origin)) return;
  throw new ApiError(
    'forbidden',
    `Origin: ${origin} is not allowed for this site; ` +
      `add it with \`pnpm tenpoint sites origins add --site ${site.siteKey} ${origin}\` or POST /v1/site/origins`,
  );
}

const matches = (secret: string, signed: string, hash: string) => {
  const expected = createHmac('sha256', secret).update(signed).digest();
  const given = Buffer.from(hash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
};

/** Who the user is, and which account they belong to, as the vendor's server signed them. */
function checkIdentity(site: Site, user: UserInput) {
  if (!site.enforceIdentity || !site.identitySecret) return;
  if (!user.userHash) {
    throw new ApiError('unauthorized', 'user.userHash: this site requires identity verification; send the HMAC-SHA256 of userId');
  }
  if (!matches(site.identitySecret, user.userId, user.userHash)) {
    throw new ApiError('unauthorized', 'user.userHash: does not match userId; compute it with the identity secret on your server');
  }
  if (!user.account) return;
  // Without it a verified user could claim any account, and answer in its name.
  if (!user.account.accountHash) {
    throw new ApiError(
      'unauthorized',
      'user.account.accountHash: this site requires identity verification; send the HMAC-SHA256 of "userId:accountId"',
    );
  }
  if (!matches(site.identitySecret, `${user.userId}:${user.account.id}`, user.account.accountHash)) {
    throw new ApiError(
      'unauthorized',
      'user.account.accountHash: does not match "userId:accountId"; compute it with the identity secret on your server',
    );
  }
}

/** Runs a check, counting its refusal before passing it on. */
function counting(check: () => void, refused: () => void) {
  try {
    check();
  } catch (error) {
    refused();
    throw error;
  }
}

/**
 * The one pipeline of every widget call: the body read as JSON whatever its Content-Type
 * (text/plain spares the browser a preflight), then its site by public key, the page's origin, the
 * user's identity, the site's rate, and the survey. A call for a survey that does not exist ends
 * here, having recorded nothing. The route gets it all as `call`.
 */
export function widgetCall<Schema extends z.ZodType<WidgetCallBody>>(
  schema: Schema,
  deps: Pick<Services, 'lookups' | 'siteLimiter' | 'now' | 'callCounter'>,
) {
  return createMiddleware<AppEnv & { Variables: { call: WidgetCall<z.infer<Schema>> } }>(async (c, next) => {
    const origin = c.req.header('origin');
    // Errors reach the page too, so that the widget can say what to fix; success needs an allowed origin.
    if (origin) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Vary', 'Origin');
    }
    const body = validated(schema, parseJsonText(await readBodyText(c)));
    const target = await deps.lookups.widgetTarget(body.siteKey, body.surveyId);
    // Counted for the install check, in memory: a refusal is never slowed by it.
    if (!target) {
      deps.callCounter.record(null, 'unknown_key', origin);
      throw new ApiError('unauthorized', 'siteKey: no site has this key; check data-site-key on the script tag');
    }
    const { site } = target;
    counting(
      () => checkOrigin(site, origin),
      () => deps.callCounter.record(site.id, 'wrong_origin', origin),
    );
    counting(
      () => checkIdentity(site, body.user),
      () => deps.callCounter.record(site.id, 'identity_failed', origin),
    );
    deps.callCounter.record(site.id, 'accepted', origin);
    // Only calls the site would accept count against it: refused ones cannot lock its users out.
    deps.siteLimiter.take(site.id, 'this site');
    c.set('site', site);
    const { survey, settings } = surveyOrNotFound(target.survey, body.surveyId);
    c.set('call', { site, survey, settings, body, sighting: { siteId: site.id, user: body.user, now: deps.now() } });
    await next();
  });
}
