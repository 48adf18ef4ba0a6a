import { eq } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';
import { sites } from '../db/schema/index.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { hashSecretKey } from '../sites/keys.ts';

/** Vendor endpoints: the site is the one whose secret key is in `Authorization: Bearer sk_…`. */
export function requireSecretKey(deps: AppDeps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const match = /^Bearer\s+(sk_\S+)$/i.exec(c.req.header('authorization') ?? '');
    if (!match?.[1]) throw new ApiError('unauthorized', 'Authorization: send your secret key as "Bearer sk_…"');
    // Looked up by its hash: the key itself is never stored, and a hash match leaks nothing useful.
    const [site] = await deps.db
      .select()
      .from(sites)
      .where(eq(sites.secretKeyHash, hashSecretKey(match[1])))
      .limit(1);
    if (!site) throw new ApiError('unauthorized', 'Authorization: this secret key is not valid (was it rotated?)');
    c.set('site', site);
    await next();
  });
}
