import { createRoute } from '@hono/zod-openapi';
import { siteTraitsSchema } from '@tenpoint/shared';
import type { Services } from '../../deps.ts';
import { requireSite } from '../../middleware/site-access.ts';
import { errors, json, vendor, vendorErrors } from '../../openapi/answers.ts';
import { readSiteTraits } from '../../users/site-traits.ts';
import { router } from '../router.ts';

const listTraits = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listTraits',
  tags: ['Users'],
  summary: 'The traits the site has sent',
  description:
    "The user traits and account traits (`account.NAME`) the site's most recently seen users (at most 10,000) have, with how many " +
    'have each and their 20 most common values: what to segment and target by. Traits a survey keeps as segments come first.',
  ...vendor,
  responses: { 200: json('Segment traits first, then the most common.', siteTraitsSchema), ...errors(...vendorErrors) },
});

export function traitRoutes(deps: Services) {
  const app = router();
  app.use(requireSite(deps));
  return app.openapi(listTraits, async (c) => c.json(await readSiteTraits(deps.db, c.get('site').id), 200));
}
