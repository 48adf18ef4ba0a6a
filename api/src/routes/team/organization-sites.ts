import { createRoute, z } from '@hono/zod-openapi';
import { siteSchema } from '@tenpoint/shared';
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../audit/record-audit.ts';
import { auditEvents, sites } from '../../db/schema/index.ts';
import type { Services } from '../../deps.ts';
import { ApiError } from '../../errors.ts';
import { jsonBody } from '../../input/json-body.ts';
import { requireMember } from '../../middleware/member-access.ts';
import { errors, json, member, vendorBody } from '../../openapi/answers.ts';
import { createSite, maxAllowedOrigins, normaliseOrigin } from '../../sites/create-site.ts';
import { findSiteByKey } from '../../sites/site-keys.ts';
import { siteAnswer } from '../../sites/site-settings.ts';
import { router } from '../router.ts';
import { organizationPath } from './paths.ts';

const tags = ['Organizations'];
const readErrors = [400, 401, 403, 404, 429, 503] as const;
const bodyErrors = [...readErrors, 413, 415] as const;
/** Plenty of products for one team; a bound so that no one fills the database with sites. */
const maxSitesPerOrganization = 100;

const siteCreateSchema = z
  .object({
    name: z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    origins: z
      .array(z.string().max(2048, 'must be at most 2048 characters'), {
        error: 'must be a list of origins such as https://app.example.com',
      })
      .max(maxAllowedOrigins, `must be at most ${maxAllowedOrigins} origins`)
      .default([])
      .describe('Where the widget may run: scheme, host and port, as browsers send `Origin`.'),
  })
  .strict()
  .meta({ id: 'SiteCreate' });

const siteCreatedSchema = z
  .object({ site: siteSchema, secretKey: z.string().describe('Its first key, `full`, shown this once; only its hash is kept.') })
  .meta({ id: 'SiteCreated' });

const claimSchema = z
  .object({ secretKey: z.string({ error: 'must be the site’s secret key, sk_…' }).max(200, 'is too long to be a key') })
  .strict()
  .meta({ id: 'SiteClaim' });

const list = createRoute({
  method: 'get',
  path: '/organizations/{organizationId}/sites',
  operationId: 'listSites',
  tags,
  summary: 'The sites of an organization',
  description: 'Every member may read this.',
  ...member,
  request: { params: organizationPath },
  responses: {
    200: json('The sites, oldest first.', z.object({ data: z.array(siteSchema) }).meta({ id: 'SiteList' })),
    ...errors(...readErrors),
  },
});

const create = createRoute({
  method: 'post',
  path: '/organizations/{organizationId}/sites',
  operationId: 'createSite',
  tags,
  summary: 'Make a site',
  description: `Admins and the owner. With its default NPS survey and a first full key. At most ${maxSitesPerOrganization} sites.`,
  ...member,
  request: { params: organizationPath, body: vendorBody(siteCreateSchema) },
  responses: { 201: json('The site and its first secret key.', siteCreatedSchema), ...errors(...bodyErrors) },
});

const claim = createRoute({
  method: 'post',
  path: '/organizations/{organizationId}/sites/claim',
  operationId: 'claimSite',
  tags,
  summary: 'Bring a site made on the command line into the organization',
  description: 'Admins and the owner, with a full key of a site that belongs to no organization yet.',
  ...member,
  request: { params: organizationPath, body: vendorBody(claimSchema) },
  responses: { 200: json('The site, now the organization’s.', siteSchema), ...errors(...bodyErrors) },
});

/** The sites of an organization: listed, made, and claimed from the command line. */
export function organizationSiteRoutes(deps: Services) {
  const { db } = deps;
  return router()
    .openapi({ ...list, middleware: requireMember(deps, 'read') }, async (c) => {
      const rows = await db
        .select()
        .from(sites)
        .where(eq(sites.organizationId, c.get('organization').id))
        .orderBy(asc(sites.createdAt), asc(sites.id));
      return c.json({ data: rows.map(siteAnswer) }, 200);
    })
    .openapi({ ...create, middleware: [requireMember(deps, 'manage'), jsonBody] as const }, async (c) => {
      const organization = c.get('organization');
      const { name, origins } = c.req.valid('json');
      const [made] = await db.select({ n: count() }).from(sites).where(eq(sites.organizationId, organization.id));
      if ((made?.n ?? 0) >= maxSitesPerOrganization)
        throw new ApiError('invalid_request', `this organization has ${maxSitesPerOrganization} sites, the most it may`);
      let normalised: string[];
      try {
        normalised = origins.map(normaliseOrigin);
      } catch (error) {
        throw new ApiError('invalid_request', `origins: ${(error as Error).message.replace(/^origin /, '')}`);
      }
      const created = await createSite(db, {
        name,
        origins: normalised,
        organizationId: organization.id,
        createdBy: c.get('caller').label,
      });
      const [site] = await db.select().from(sites).where(eq(sites.id, created.siteId));
      await recordAudit(
        db,
        c,
        { action: 'site.created', target: name, after: { name, allowedOrigins: site!.allowedOrigins } },
        {
          organizationId: organization.id,
          siteId: created.siteId,
        },
      );
      return c.json({ site: siteAnswer(site!), secretKey: created.secretKey }, 201);
    })
    .openapi({ ...claim, middleware: [requireMember(deps, 'manage'), jsonBody] as const }, async (c) => {
      const organization = c.get('organization');
      const holder = /^sk_\S+$/.test(c.req.valid('json').secretKey)
        ? await findSiteByKey(db, c.req.valid('json').secretKey, deps.now())
        : null;
      if (holder?.key.access !== 'full') throw new ApiError('invalid_request', 'secretKey: not a full key of any site');
      if (holder.site.organizationId === organization.id) return c.json(siteAnswer(holder.site), 200);
      // Only an unclaimed site moves: a key leaked from another team's site must not carry it off.
      const [site] = await db
        .update(sites)
        .set({ organizationId: organization.id })
        .where(and(eq(sites.id, holder.site.id), isNull(sites.organizationId)))
        .returning();
      if (!site) throw new ApiError('invalid_request', 'secretKey: this site belongs to an organization already');
      // Its history comes along: the organization's log shows it, and deleting the organization erases it.
      await db
        .update(auditEvents)
        .set({ organizationId: organization.id })
        .where(and(eq(auditEvents.siteId, site.id), isNull(auditEvents.organizationId)));
      deps.lookups.forgetSite(site);
      await recordAudit(db, c, { action: 'site.claimed', target: site.name }, { organizationId: organization.id, siteId: site.id });
      return c.json(siteAnswer(site), 200);
    });
}
