import { createRoute, z } from '@hono/zod-openapi';
import { notificationSettingsSchema, notificationSettingsUpdateSchema } from '@tenpoint/shared';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Services } from '../../deps.ts';
import { lastSevenDays } from '../../digest/digest-week.ts';
import { digestChoice, setDigestChoice } from '../../digest/member-settings.ts';
import { memberDigest } from '../../digest/send-digests.ts';
import { jsonBody } from '../../input/json-body.ts';
import { requireMember } from '../../middleware/member-access.ts';
import { errors, json, member, vendorBody } from '../../openapi/answers.ts';
import { router } from '../router.ts';
import { organizationPath } from './paths.ts';

const tags = ['Organizations'];
const readErrors = [400, 401, 404, 429, 503] as const;

const getNotifications = createRoute({
  method: 'get',
  path: '/organizations/{organizationId}/me/notifications',
  operationId: 'getMyNotifications',
  tags,
  summary: 'What the signed-in member receives from this organization',
  description: 'Each member chooses for themself, whatever their role. Alert rules are set per site.',
  ...member,
  request: { params: organizationPath },
  responses: { 200: json('The member’s choices.', notificationSettingsSchema), ...errors(...readErrors) },
});

const updateNotifications = createRoute({
  method: 'patch',
  path: '/organizations/{organizationId}/me/notifications',
  operationId: 'updateMyNotifications',
  tags,
  summary: 'Turn the weekly digest on or off for the signed-in member',
  description: 'The digest goes out on Mondays from 08:00 UTC, for the week (Monday to Monday, UTC) just ended.',
  ...member,
  request: { params: organizationPath, body: vendorBody(notificationSettingsUpdateSchema) },
  responses: { 200: json('The member’s choices now.', notificationSettingsSchema), ...errors(...readErrors, 403, 413, 415) },
});

const previewDigest = createRoute({
  method: 'get',
  path: '/organizations/{organizationId}/me/digest-preview',
  operationId: 'previewMyDigest',
  tags,
  summary: 'The weekly digest as it would be now, over the last 7 days',
  description:
    'The HTML of the email, for the console to show in a sandboxed frame; the figures are those of `GET /v1/scores` for the range.',
  ...member,
  request: { params: organizationPath },
  responses: {
    200: { description: 'The digest’s HTML.', content: { 'text/html': { schema: z.string() } } },
    ...errors(...readErrors),
  },
});

/** The signed-in member's own notifications in an organization: the weekly digest and its preview. */
export function notificationRoutes(deps: Services) {
  return router()
    .openapi({ ...getNotifications, middleware: requireMember(deps, 'read') }, async (c) =>
      c.json({ digest: await digestChoice(deps.db, c.get('organization').memberId) }, 200),
    )
    .openapi({ ...updateNotifications, middleware: [requireMember(deps, 'read'), jsonBody] as const }, async (c) => {
      const organization = c.get('organization');
      const { digest } = c.req.valid('json');
      const before = await setDigestChoice(deps.db, organization.memberId, digest);
      if (before !== digest)
        await recordAudit(
          deps.db,
          c,
          { action: 'notifications.updated', target: c.get('caller').label, before: { digest: before }, after: { digest } },
          { organizationId: organization.id, siteId: null },
        );
      return c.json({ digest }, 200);
    })
    .openapi({ ...previewDigest, middleware: requireMember(deps, 'read') }, async (c) => {
      const organization = c.get('organization');
      const now = deps.now();
      const digest = await memberDigest(
        deps,
        { id: organization.memberId, organizationId: organization.id, organizationName: organization.name },
        lastSevenDays(now),
        now,
      );
      return new Response(digest.html, {
        headers: {
          'Content-Type': 'text/html; charset=utf-8',
          'Cache-Control': 'no-store',
          // Shown in a sandboxed frame of the console: no script of its own, links open outside.
          'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; frame-ancestors 'self'",
        },
      });
    });
}
