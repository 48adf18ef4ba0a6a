import { siteOriginSchema, sitePatchSchema } from '@tenpoint/shared';
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { Services } from '../../deps.ts';
import { ApiError } from '../../errors.ts';
import { readJsonBody } from '../../input/json-body.ts';
import { requireSecretKey } from '../../middleware/secret-key.ts';
import { normaliseOrigin } from '../../sites/create-site.ts';
import { addSiteOrigins, removeSiteOrigin } from '../../sites/site-origins.ts';
import { siteAnswer, updateSite } from '../../sites/site-settings.ts';

function originOf(given: string): string {
  try {
    return normaliseOrigin(given);
  } catch (error) {
    throw new ApiError('invalid_request', (error as Error).message.replace(/^origin [\s\S]*?: (?=must|port 0)/, 'origin: '));
  }
}

/** The site of the secret key: its name, allowed origins and test mode, read and changed. */
export function siteRoutes(deps: Services) {
  const gone = () => new ApiError('unauthorized', 'Authorization: this site no longer exists');
  return new Hono<AppEnv>()
    .use(requireSecretKey(deps))
    .get('/', (c) => c.json(siteAnswer(c.get('site'))))
    .patch('/', async (c) => {
      const patch = await readJsonBody(c, sitePatchSchema);
      const site = await updateSite(deps.db, c.get('site').id, patch);
      if (!site) throw gone();
      deps.lookups.forgetSite(site);
      return c.json(siteAnswer(site));
    })
    .post('/origins', async (c) => {
      const { origin } = await readJsonBody(c, siteOriginSchema);
      const allowedOrigins = await addSiteOrigins(deps.db, c.get('site').id, [originOf(origin)]);
      if (!allowedOrigins) throw gone();
      deps.lookups.forgetSite(c.get('site'));
      return c.json(siteAnswer({ ...c.get('site'), allowedOrigins }));
    })
    .delete('/origins', async (c) => {
      const given = c.req.query('origin');
      if (given === undefined) throw new ApiError('invalid_request', 'origin: give the origin to remove, e.g. ?origin=https://app.example.com');
      const origin = originOf(given);
      if (!c.get('site').allowedOrigins.includes(origin)) throw new ApiError('not_found', `origin: ${origin} is not an allowed origin of this site`);
      const allowedOrigins = await removeSiteOrigin(deps.db, c.get('site').id, origin);
      if (!allowedOrigins) throw gone();
      deps.lookups.forgetSite(c.get('site'));
      return c.json(siteAnswer({ ...c.get('site'), allowedOrigins }));
    });
}
