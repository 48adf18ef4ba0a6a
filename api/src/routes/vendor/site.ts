import { createRoute, z } from '@hono/zod-openapi';
import { siteOriginSchema, sitePatchSchema, siteSchema } from '@tenpoint/shared';
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { type Site, sites } from '../../db/schema/index.ts';
import type { Services } from '../../deps.ts';
import { ApiError } from '../../errors.ts';
import { jsonBody } from '../../input/json-body.ts';
import { requireSite } from '../../middleware/site-access.ts';
import { conflict, errors, json, vendor, vendorBody, vendorBodyErrors, vendorErrors } from '../../openapi/answers.ts';
import { normaliseOrigin } from '../../sites/create-site.ts';
import { addSiteOrigins, removeSiteOrigin } from '../../sites/site-origins.ts';
import { siteAnswer } from '../../sites/site-settings.ts';
import { updateSiteOnce } from '../../sites/wootric-token.ts';
import { router } from '../router.ts';
import { identitySecretNeedsManage, siteInstallRoutes } from './site-install.ts';

function originOf(given: string): string {
  try {
    return normaliseOrigin(given);
  } catch (error) {
    throw new ApiError('invalid_request', (error as Error).message.replace(/^origin [\s\S]*?: (?=must|port 0)/, 'origin: '));
  }
}

const tags = ['Site'];
const wootricTokenTaken = 'wootricAccountToken: another site has this Wootric account token; clear it there first';

const getSite = createRoute({
  method: 'get',
  path: '/',
  operationId: 'getSite',
  tags,
  summary: 'The site of the secret key',
  description: 'Its name, site key, allowed origins and test mode.',
  ...vendor,
  responses: { 200: json('The site.', siteSchema), ...errors(...vendorErrors) },
});

const updateSiteRoute = createRoute({
  method: 'patch',
  path: '/',
  operationId: 'updateSite',
  tags,
  summary: 'Rename the site, switch test mode or identity verification, set its Wootric account token',
  description:
    "In test mode `tenpoint('show')` shows the survey whatever the throttles say, to try the widget again after responding. " +
    '`enforceIdentity` needs an identity secret first (`POST /v1/site/identity-secret`), else 400. `wootricAccountToken` lets a ' +
    'Wootric snippet pasted as it is run this site (`/wootric.js`); 409 when another site has that token.',
  ...vendor,
  request: { body: vendorBody(sitePatchSchema) },
  responses: {
    200: json('The site as now stored.', siteSchema),
    ...errors(...vendorBodyErrors),
    409: conflict('Another site has this Wootric account token.', wootricTokenTaken),
  },
});

const addOrigin = createRoute({
  method: 'post',
  path: '/origins',
  operationId: 'addSiteOrigin',
  tags,
  summary: 'Allow the widget on another origin',
  description:
    'The origin is normalised as browsers send it (`https://app.example.com`); adding one already allowed changes nothing. A ' +
    'path, query, fragment, credentials, wildcard host or port 0 is refused, and more than 100 origins. Widget calls to this API ' +
    'process see it at once, to others within 2 s.',
  ...vendor,
  request: { body: vendorBody(siteOriginSchema) },
  responses: { 200: json('The site with its origins.', siteSchema), ...errors(...vendorBodyErrors) },
});

const removeOrigin = createRoute({
  method: 'delete',
  path: '/origins',
  operationId: 'removeSiteOrigin',
  tags,
  summary: 'Stop allowing an origin',
  description: 'The widget on pages of that origin is refused (403) from its next call on; 404 when the origin was not allowed.',
  ...vendor,
  request: {
    query: z.object({
      origin: z
        .string({ error: 'give the origin to remove, e.g. ?origin=https://app.example.com' })
        .meta({ description: 'The origin to remove.', examples: ['https://app.acme.io'] }),
    }),
  },
  responses: { 200: json('The site with its origins.', siteSchema), ...errors(...vendorErrors, 404, 413) },
});

const deleteSiteRoute = createRoute({
  method: 'delete',
  path: '/',
  operationId: 'deleteSite',
  tags,
  summary: 'Delete the site and all its data',
  description:
    'Admins, the owner and full keys, naming the site exactly in `confirm`. Its surveys, users, responses, webhooks and keys go ' +
    'with it, at once; the audit log keeps that it was deleted, and by whom.',
  ...vendor,
  request: {
    query: z.object({ confirm: z.string({ error: 'confirm: type the site’s name' }).max(200).describe('The site’s name, exactly.') }),
  },
  responses: { 204: { description: 'Deleted.' }, ...errors(...vendorErrors, 413) },
});

/** The site of the secret key: its name, allowed origins and test mode, read and changed. */
export function siteRoutes(deps: Services) {
  const gone = () => new ApiError('unauthorized', 'Authorization: this site no longer exists');
  const app = router();
  app.use(requireSite(deps, identitySecretNeedsManage));
  return app
    .openapi(getSite, (c) => c.json(siteAnswer(c.get('site')), 200))
    .openapi({ ...updateSiteRoute, middleware: jsonBody }, async (c) => {
      const change = c.req.valid('json');
      const before = c.get('site');
      if (change.enforceIdentity && !before.identitySecret)
        throw new ApiError(
          'invalid_request',
          'enforceIdentity: the site has no identity secret yet; make one first with POST /v1/site/identity-secret',
        );
      const site = await updateSiteOnce(deps.db, before.id, change);
      if (site === 'token_taken') throw new ApiError('conflict', wootricTokenTaken);
      if (!site) throw gone();
      deps.lookups.forgetSite(site);
      await auditChange(c, before, site);
      return c.json(siteAnswer(site), 200);
    })
    .openapi(deleteSiteRoute, async (c) => {
      const site = c.get('site');
      if (c.req.valid('query').confirm !== site.name)
        throw new ApiError('invalid_request', `confirm: type the site's name exactly ("${site.name}") to delete it`);
      await deps.db.transaction(async (tx) => {
        await tx.delete(sites).where(eq(sites.id, site.id));
        await recordAudit(tx, c, { action: 'site.deleted', target: site.name, before: siteAnswer(site) });
      });
      deps.lookups.forgetSite(site);
      return c.body(null, 204);
    })
    .openapi({ ...addOrigin, middleware: jsonBody }, async (c) => {
      const { origin } = c.req.valid('json');
      const allowedOrigins = await addSiteOrigins(deps.db, c.get('site').id, [originOf(origin)]);
      if (!allowedOrigins) throw gone();
      deps.lookups.forgetSite(c.get('site'));
      if (!c.get('site').allowedOrigins.includes(originOf(origin)))
        await recordAudit(deps.db, c, {
          action: 'origin.added',
          target: originOf(origin),
          before: c.get('site').allowedOrigins,
          after: allowedOrigins,
        });
      return c.json(siteAnswer({ ...c.get('site'), allowedOrigins }), 200);
    })
    .openapi(removeOrigin, async (c) => {
      const origin = originOf(c.req.valid('query').origin);
      if (!c.get('site').allowedOrigins.includes(origin))
        throw new ApiError('not_found', `origin: ${origin} is not an allowed origin of this site`);
      const allowedOrigins = await removeSiteOrigin(deps.db, c.get('site').id, origin);
      if (!allowedOrigins) throw gone();
      deps.lookups.forgetSite(c.get('site'));
      await recordAudit(deps.db, c, {
        action: 'origin.removed',
        target: origin,
        before: c.get('site').allowedOrigins,
        after: allowedOrigins,
      });
      return c.json(siteAnswer({ ...c.get('site'), allowedOrigins }), 200);
    })
    .route('/', siteInstallRoutes(deps));

  /** `site.updated` with the fields that changed, before and after; nothing when none did. */
  async function auditChange(c: Context<AppEnv>, before: Site, after: Site) {
    const fields = (['name', 'testMode', 'enforceIdentity', 'wootricAccountToken'] as const).filter(
      (field) => before[field] !== after[field],
    );
    if (fields.length === 0) return;
    const pick = (site: Site) => Object.fromEntries(fields.map((field) => [field, site[field]]));
    await recordAudit(deps.db, c, { action: 'site.updated', target: after.name, before: pick(before), after: pick(after) });
  }
}
