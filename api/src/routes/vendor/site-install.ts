import { createRoute } from '@hono/zod-openapi';
import { identitySecretSchema, installCheckSchema, newIdentitySecretSchema } from '@tenpoint/shared';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Services } from '../../deps.ts';
import { ApiError } from '../../errors.ts';
import { errors, json, vendor, vendorErrors } from '../../openapi/answers.ts';
import { installCheck } from '../../sites/install-check.ts';
import { renewIdentitySecret } from '../../sites/site-settings.ts';
import { router } from '../router.ts';

const tags = ['Site'];

const getInstallCheck = createRoute({
  method: 'get',
  path: '/install-check',
  operationId: 'getInstallCheck',
  tags,
  summary: 'Whether the widget is installed, and what was refused',
  description:
    "The install page's live check: `installed` turns true on the first widget call accepted from an allowed origin (for a " +
    'site whose widget ran before calls were counted, `firstCallAt` is when it first saw a user). `refused` ' +
    'lists the widget calls of the last 24 hours refused for a wrong origin, a failed identity check, or a site key Tenpoint ' +
    "does not know sent from one of the site's origins, with their counts and what to change. Counts reach it within seconds.",
  ...vendor,
  responses: { 200: json('The install check.', installCheckSchema), ...errors(...vendorErrors) },
});

const readIdentitySecret = createRoute({
  method: 'get',
  path: '/identity-secret',
  operationId: 'getIdentitySecret',
  tags,
  summary: 'Read the identity secret',
  description:
    'What your server signs user ids with (hex HMAC-SHA256, see the widget docs); null until one is made. Needs a full key or an admin.',
  ...vendor,
  responses: { 200: json('The identity secret.', identitySecretSchema), ...errors(...vendorErrors) },
});

const makeIdentitySecret = createRoute({
  method: 'post',
  path: '/identity-secret',
  operationId: 'renewIdentitySecret',
  tags,
  summary: 'Make a new identity secret',
  description:
    'Replaces any earlier one at once: while the site enforces identity verification, hashes signed with the old secret are ' +
    'refused from the next call on, so update your server first or turn enforcement off meanwhile (`PATCH /v1/site`).',
  ...vendor,
  responses: { 200: json('The new identity secret.', newIdentitySecretSchema), ...errors(...vendorErrors, 413) },
});

/** The install page's API: the live check, and the identity secret. Mounted under siteRoutes, which checks the caller. */
export function siteInstallRoutes(deps: Services) {
  return router()
    .openapi(getInstallCheck, async (c) => {
      // This process's latest counts first; another process's reach the table within its flush interval.
      await deps.callCounter.flush();
      return c.json(await installCheck(deps.db, c.get('site'), deps.now()), 200);
    })
    .openapi(readIdentitySecret, (c) => c.json({ identitySecret: c.get('site').identitySecret }, 200))
    .openapi(makeIdentitySecret, async (c) => {
      const site = await renewIdentitySecret(deps.db, c.get('site').id);
      if (!site?.identitySecret) throw new ApiError('unauthorized', 'Authorization: this site no longer exists');
      deps.lookups.forgetSite(site);
      // The secret itself never goes into the audit trail.
      await recordAudit(deps.db, c, { action: 'identity_secret.renewed', before: { set: c.get('site').identitySecret !== null } });
      return c.json({ identitySecret: site.identitySecret }, 200);
    });
}

/** The identity secret is read on the site's behalf by its server: only those who may change the site may see it. */
export const identitySecretNeedsManage = (_method: string, path: string) => (path.endsWith('/identity-secret') ? 'manage' : undefined);
