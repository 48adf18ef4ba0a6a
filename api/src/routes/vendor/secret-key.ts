import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { AppDeps } from '../../deps.ts';
import { sites } from '../../db/schema/index.ts';
import { requireSecretKey } from '../../middleware/secret-key.ts';
import { hashSecretKey, newSecretKey } from '../../sites/keys.ts';

/** Replaces the site's secret key: the new one is shown this once, the old one stops working now. */
export function secretKeyRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post('/rotate', requireSecretKey(deps), async (c) => {
    const secretKey = newSecretKey();
    await deps.db.update(sites).set({ secretKeyHash: hashSecretKey(secretKey) }).where(eq(sites.id, c.get('site').id));
    return c.json({ secretKey });
  });
}
