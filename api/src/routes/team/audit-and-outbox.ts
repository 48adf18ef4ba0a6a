import { createRoute, z } from '@hono/zod-openapi';
import { auditEventSchema, outboxEmailSchema } from '@tenpoint/shared';
import { desc, eq } from 'drizzle-orm';
import { readAudit } from '../../audit/read-audit.ts';
import { emailOutbox } from '../../db/schema/index.ts';
import type { Services } from '../../deps.ts';
import { requireMember } from '../../middleware/member-access.ts';
import { requireSite } from '../../middleware/site-access.ts';
import { errors, json, member, vendor, vendorErrors } from '../../openapi/answers.ts';
import { router } from '../router.ts';
import { organizationPath } from './paths.ts';

const readErrors = [400, 401, 403, 404, 429, 503] as const;
const cursorQuery = z.object({
  cursor: z.string().max(200).optional().describe('The `nextCursor` of the page before, for the next (older) page.'),
});
const auditPage = z
  .object({ data: z.array(auditEventSchema), nextCursor: z.string().nullable().describe('Null on the last page.') })
  .meta({ id: 'AuditPage' });
const auditDescription =
  'Who changed what and when, newest first, 100 a page: settings, origins, test mode, keys, webhooks, members, erasures, with ' +
  'before and after. Admins, the owner and full keys.';

const organizationAudit = createRoute({
  method: 'get',
  path: '/organizations/{organizationId}/audit-log',
  operationId: 'getOrganizationAuditLog',
  tags: ['Organizations'],
  summary: 'The audit log of an organization and all its sites',
  description: auditDescription,
  ...member,
  request: { params: organizationPath, query: cursorQuery },
  responses: { 200: json('A page of the log.', auditPage), ...errors(...readErrors) },
});

const siteAudit = createRoute({
  method: 'get',
  path: '/audit-log',
  operationId: 'getSiteAuditLog',
  tags: ['Site'],
  summary: 'The audit log of the site',
  description: auditDescription,
  ...vendor,
  request: { query: cursorQuery },
  responses: { 200: json('A page of the log.', auditPage), ...errors(...vendorErrors, 404) },
});

const outbox = createRoute({
  method: 'get',
  path: '/organizations/{organizationId}/outbox',
  operationId: 'getEmailOutbox',
  tags: ['Organizations'],
  summary: 'Email kept instead of sent',
  description:
    'Email about the organization (invitations) kept instead of sent, newest first, for its owner to read and pass on: all of ' +
    'it with no `SMTP_URL` set, and with one, what the SMTP server refused or did not take in time (`sendError` says why). ' +
    '`kind` says which way this API sends email.',
  ...member,
  request: { params: organizationPath },
  responses: {
    200: json(
      'The latest 100 kept messages.',
      z.object({ kind: z.enum(['smtp', 'outbox']), data: z.array(outboxEmailSchema) }).meta({ id: 'Outbox' }),
    ),
    ...errors(...readErrors),
  },
});

/** The audit log (of an organization, or of one site for keys) and the email outbox. */
export function auditAndOutboxRoutes(deps: Services) {
  return router()
    .openapi({ ...organizationAudit, middleware: requireMember(deps, 'manage') }, async (c) =>
      c.json(await readAudit(deps.db, { organizationId: c.get('organization').id }, c.req.valid('query').cursor), 200),
    )
    .openapi({ ...siteAudit, middleware: requireSite(deps, () => 'manage') }, async (c) =>
      c.json(await readAudit(deps.db, { siteId: c.get('site').id }, c.req.valid('query').cursor), 200),
    )
    .openapi({ ...outbox, middleware: requireMember(deps, 'own') }, async (c) => {
      const rows = await deps.db
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.organizationId, c.get('organization').id))
        .orderBy(desc(emailOutbox.createdAt))
        .limit(100);
      const data = rows.map(({ id, to, subject, text, sendError, createdAt }) => ({
        id,
        to,
        subject,
        text,
        sendError,
        createdAt: createdAt.toISOString(),
      }));
      return c.json({ kind: deps.mailer.kind, data }, 200);
    });
}
