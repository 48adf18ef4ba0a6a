import { createRoute, z } from '@hono/zod-openapi';
import { secretKeyAnswerSchema, secretKeyCreatedSchema, secretKeyCreateSchema, secretKeyInfoSchema } from '@tenpoint/shared';
import { count, eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/record-audit.ts';
import { siteKeys } from '../../db/schema/index.ts';
import type { Services } from '../../deps.ts';
import { ApiError } from '../../errors.ts';
import { idPath, isUuid } from '../../input/ids.ts';
import { jsonBody } from '../../input/json-body.ts';
import { requireSite } from '../../middleware/site-access.ts';
import { errors, json, vendor, vendorBody, vendorBodyErrors, vendorErrors } from '../../openapi/answers.ts';
import { createSiteKey, listSiteKeys, maxKeysPerSite, revokeSiteKey, rotateSiteKey } from '../../sites/site-keys.ts';
import { router } from '../router.ts';

const tags = ['Keys'];
const keyPath = idPath('The key id (not the key).');

const list = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listKeys',
  tags,
  summary: 'The secret keys of the site',
  description: 'Names, access, first characters and when each was last used (to the minute); never a key itself.',
  ...vendor,
  responses: {
    200: json('The keys, oldest first.', z.object({ data: z.array(secretKeyInfoSchema) }).meta({ id: 'SecretKeyList' })),
    ...errors(...vendorErrors),
  },
});

const create = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createKey',
  tags,
  summary: 'Make a named secret key',
  description: `\`full\` reads and changes the site; \`read\` reads and exports only. Shown this once. At most ${maxKeysPerSite} per site.`,
  ...vendor,
  request: { body: vendorBody(secretKeyCreateSchema) },
  responses: { 201: json('The key, shown this once.', secretKeyCreatedSchema), ...errors(...vendorBodyErrors) },
});

const revoke = createRoute({
  method: 'delete',
  path: '/{id}',
  operationId: 'revokeKey',
  tags,
  summary: 'Revoke a key',
  description: 'It stops working at once. The last full key of a site cannot be revoked (make another first).',
  ...vendor,
  request: { params: keyPath },
  responses: { 204: { description: 'Revoked.' }, ...errors(...vendorErrors, 404, 413) },
});

const rotate = createRoute({
  method: 'post',
  path: '/{id}/rotate',
  operationId: 'rotateKey',
  tags,
  summary: 'Replace a key',
  description: 'Same name and access, a new secret shown this once; the old one stops working at once.',
  ...vendor,
  request: { params: keyPath },
  responses: { 200: json('The new key.', secretKeyAnswerSchema), ...errors(...vendorErrors, 404, 413) },
});

/** A site's named secret keys: listed, made, revoked and replaced by admins and full keys. */
export function keyRoutes(deps: Services) {
  const { db } = deps;
  const keyOr404 = async (siteId: string, id: string) => {
    const key = isUuid(id) ? (await listSiteKeys(db, siteId)).find((candidate) => candidate.id === id) : undefined;
    if (!key) throw new ApiError('not_found', `id: no key ${id} on this site`);
    return key;
  };
  // Listing keys shows who can reach the site: for those who manage it.
  const app = router();
  app.use(requireSite(deps, () => 'manage'));
  return app
    .openapi(list, async (c) => c.json({ data: await listSiteKeys(db, c.get('site').id) }, 200))
    .openapi({ ...create, middleware: jsonBody }, async (c) => {
      const site = c.get('site');
      const { name, access } = c.req.valid('json');
      const [held] = await db.select({ n: count() }).from(siteKeys).where(eq(siteKeys.siteId, site.id));
      if ((held?.n ?? 0) >= maxKeysPerSite) throw new ApiError('invalid_request', `this site has ${maxKeysPerSite} keys, the most it may`);
      const made = await createSiteKey(db, { siteId: site.id, name, access, createdBy: c.get('caller').label });
      await recordAudit(db, c, { action: 'key.created', target: name, after: { access } });
      return c.json(made, 201);
    })
    .openapi(revoke, async (c) => {
      const site = c.get('site');
      const key = await keyOr404(site.id, c.req.valid('param').id);
      const revoked = await revokeSiteKey(db, site.id, key.id);
      if (revoked === 'last_full_key')
        throw new ApiError('invalid_request', 'id: this is the last full key of the site; make another full key before revoking it');
      if (!revoked) throw new ApiError('not_found', `id: no key ${key.id} on this site`);
      await recordAudit(db, c, { action: 'key.revoked', target: key.name, before: { access: key.access } });
      return c.body(null, 204);
    })
    .openapi(rotate, async (c) => {
      const site = c.get('site');
      const key = await keyOr404(site.id, c.req.valid('param').id);
      const secretKey = await rotateSiteKey(db, site.id, key.id);
      await recordAudit(db, c, { action: 'key.rotated', target: key.name });
      return c.json({ secretKey }, 200);
    });
}
