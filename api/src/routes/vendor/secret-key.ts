import { createRoute } from '@hono/zod-openapi';
import { secretKeyAnswerSchema } from '@tenpoint/shared';
import { eq } from 'drizzle-orm';
import { sites } from '../../db/schema/index.ts';
import type { AppDeps } from '../../deps.ts';
import { requireSecretKey } from '../../middleware/secret-key.ts';
import { errors, json, vendor, vendorErrors } from '../../openapi/answers.ts';
import { hashSecretKey, newSecretKey } from '../../sites/keys.ts';
import { router } from '../router.ts';

const rotateSecretKey = createRoute({
  method: 'post',
  path: '/rotate',
  operationId: 'rotateSecretKey',
  tags: ['Site'],
  summary: 'Replace the secret key',
  description: 'Answers `{ secretKey }`, shown this once; the key used for the call stops working at once.',
  ...vendor,
  responses: { 200: json('The new key.', secretKeyAnswerSchema), ...errors(...vendorErrors, 413) },
});

/** Replaces the site's secret key: the new one is shown this once, the old one stops working now. */
export function secretKeyRoutes(deps: AppDeps) {
  return router().openapi({ ...rotateSecretKey, middleware: requireSecretKey(deps) }, async (c) => {
    const secretKey = newSecretKey();
    await deps.db
      .update(sites)
      .set({ secretKeyHash: hashSecretKey(secretKey) })
      .where(eq(sites.id, c.get('site').id));
    return c.json({ secretKey }, 200);
  });
}
