import { createRoute } from '@hono/zod-openapi';
import { secretKeyAnswerSchema } from '@tenpoint/shared';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Services } from '../../deps.ts';
import { ApiError } from '../../errors.ts';
import { requireSite } from '../../middleware/site-access.ts';
import { errors, json, vendor, vendorErrors } from '../../openapi/answers.ts';
import { rotateSiteKey } from '../../sites/site-keys.ts';
import { router } from '../router.ts';

const rotateSecretKey = createRoute({
  method: 'post',
  path: '/rotate',
  operationId: 'rotateSecretKey',
  tags: ['Keys'],
  summary: 'Replace the secret key of this call',
  description:
    'Answers `{ secretKey }`, shown this once; the key used for the call stops working at once. It keeps its name and access. ' +
    'A console session rotates a key by its id instead (`POST /v1/keys/{id}/rotate`).',
  ...vendor,
  responses: { 200: json('The new key.', secretKeyAnswerSchema), ...errors(...vendorErrors, 403, 413) },
});

/** Replaces the calling key's secret: the new one is shown this once, the old one stops working now. */
export function secretKeyRoutes(deps: Services) {
  // A key may always replace itself, read-only or not: that changes nothing a holder could not already do.
  return router().openapi({ ...rotateSecretKey, middleware: requireSite(deps, () => 'read') }, async (c) => {
    const caller = c.get('caller');
    if (caller.kind !== 'key')
      throw new ApiError('invalid_request', 'this rotates the key of the call; rotate a key by its id with POST /v1/keys/{id}/rotate');
    const site = c.get('site');
    const secretKey = await rotateSiteKey(deps.db, site.id, caller.keyId);
    await recordAudit(deps.db, c, { action: 'key.rotated', target: caller.label.replace(/^key /, '') });
    return c.json({ secretKey }, 200);
  });
}
