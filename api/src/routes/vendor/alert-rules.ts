import { createRoute } from '@hono/zod-openapi';
import { alertRuleCreateSchema, alertRuleListSchema, alertRulePatchSchema, alertRuleSchema, alertTestAnswerSchema } from '@tenpoint/shared';
import type { Context } from 'hono';
import { sampleResponse } from '../../alerts/alert-messages.ts';
import { createRule, deleteRule, findRule, listRules, mayChange, ruleAnswers, ruleCaller, updateRule } from '../../alerts/rules.ts';
import { sendAlert } from '../../alerts/send-alert.ts';
import type { AppEnv } from '../../app-env.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { AlertRule } from '../../db/schema/index.ts';
import type { Services } from '../../deps.ts';
import { idPath } from '../../input/ids.ts';
import { jsonBody } from '../../input/json-body.ts';
import { requireSite } from '../../middleware/site-access.ts';
import { errors, json, vendor, vendorBody, vendorBodyErrors, vendorErrors } from '../../openapi/answers.ts';
import { router } from '../router.ts';

const tags = ['Alert rules'];
const rulePath = idPath('The alert rule id.');
const about =
  'A rule says which responses (category, with a comment or not, surveys, account traits, a drop of the account’s score) go ' +
  'where (email to members, or a chat channel’s incoming webhook in Slack’s format), at once or gathered hourly. A `member` rule ' +
  'emails its maker alone and any member may make one; `team` rules need an admin, the owner or a full key. A member sees the ' +
  'team’s rules and their own; another member’s rule answers 404.';

const routes = {
  list: createRoute({
    method: 'get',
    path: '/',
    operationId: 'listAlertRules',
    tags,
    summary: 'Alert rules: the team’s and your own',
    description: `${about} Each with when it last sent and its latest error.`,
    ...vendor,
    responses: { 200: json('Oldest first.', alertRuleListSchema), ...errors(...vendorErrors) },
  }),
  create: createRoute({
    method: 'post',
    path: '/',
    operationId: 'createAlertRule',
    tags,
    summary: 'Make an alert rule',
    description: `${about} Member ids must be members of the site’s organization; a chat URL must be public https.`,
    ...vendor,
    request: { body: vendorBody(alertRuleCreateSchema) },
    responses: { 201: json('Created.', alertRuleSchema), ...errors(...vendorBodyErrors) },
  }),
  update: createRoute({
    method: 'patch',
    path: '/{id}',
    operationId: 'updateAlertRule',
    tags,
    summary: 'Change, pause or resume an alert rule',
    description: 'The fields given change, the rest stay. A paused rule alerts nothing; what it matched before waits until resumed.',
    ...vendor,
    request: { params: rulePath, body: vendorBody(alertRulePatchSchema) },
    responses: { 200: json('As now stored.', alertRuleSchema), ...errors(...vendorBodyErrors, 404) },
  }),
  delete: createRoute({
    method: 'delete',
    path: '/{id}',
    operationId: 'deleteAlertRule',
    tags,
    summary: 'Delete an alert rule',
    description: 'Its unsent alerts go with it.',
    ...vendor,
    request: { params: rulePath },
    responses: { 204: { description: 'Deleted; no body.' }, ...errors(...vendorErrors, 404, 413) },
  }),
  test: createRoute({
    method: 'post',
    path: '/{id}/test',
    operationId: 'testAlertRule',
    tags,
    summary: 'Send a sample alert now',
    description: 'A made-up detractor, sent to the rule’s destination now, paused or not; the answer says how it went.',
    ...vendor,
    request: { params: rulePath },
    responses: { 200: json('How the send went.', alertTestAnswerSchema), ...errors(...vendorErrors, 404, 413) },
  }),
};

/** Alert rules: listed, made, changed, paused, deleted, tested. The domain is `alerts/`. */
export function alertRuleRoutes(deps: Services) {
  const allowPrivate = deps.allowPrivateWebhooks ?? false;
  const who = (c: Context<AppEnv>) => ruleCaller(deps.db, c.get('site'), c.get('caller'));
  const answer = async (rule: AlertRule) => (await ruleAnswers(deps.db, rule.siteId, [rule]))[0]!;
  const audited = (rule: AlertRule) => ({ name: rule.name, scope: rule.scope, conditions: rule.conditions, destination: rule.destination });

  const app = router();
  // Any member may keep rules of their own; read-only keys only read them.
  app.use(requireSite(deps, (method) => (method === 'GET' ? 'read' : 'alerts')));
  return app
    .openapi(routes.list, async (c) => c.json({ data: await listRules(deps.db, c.get('site').id, await who(c)) }, 200))
    .openapi({ ...routes.create, middleware: jsonBody }, async (c) => {
      const created = await createRule(deps.db, c.get('site'), await who(c), c.req.valid('json'), allowPrivate);
      await recordAudit(deps.db, c, { action: 'alert_rule.created', target: created.name, after: audited(created) });
      return c.json(await answer(created), 201);
    })
    .openapi({ ...routes.update, middleware: jsonBody }, async (c) => {
      const caller = await who(c);
      const rule = await findRule(deps.db, c.get('site').id, c.req.valid('param').id, caller);
      mayChange(rule, caller);
      const updated = await updateRule(deps.db, c.get('site'), rule, c.req.valid('json'), deps.now(), allowPrivate);
      await recordAudit(deps.db, c, {
        action: 'alert_rule.updated',
        target: updated.name,
        before: { ...audited(rule), paused: rule.pausedAt !== null },
        after: { ...audited(updated), paused: updated.pausedAt !== null },
      });
      return c.json(await answer(updated), 200);
    })
    .openapi(routes.delete, async (c) => {
      const caller = await who(c);
      const rule = await findRule(deps.db, c.get('site').id, c.req.valid('param').id, caller);
      mayChange(rule, caller);
      await deleteRule(deps.db, rule);
      await recordAudit(deps.db, c, { action: 'alert_rule.deleted', target: rule.name, before: audited(rule) });
      return c.body(null, 204);
    })
    .openapi(routes.test, async (c) => {
      const caller = await who(c);
      const rule = await findRule(deps.db, c.get('site').id, c.req.valid('param').id, caller);
      mayChange(rule, caller);
      const sample = sampleResponse(rule.siteId, '00000000-0000-4000-8000-000000000000');
      const result = await sendAlert(
        {
          db: deps.db,
          mailer: deps.mailer,
          publicUrl: deps.publicUrl,
          allowPrivateAddresses: allowPrivate,
          sendTimeoutMs: deps.webhookTimeoutMs ?? 10_000,
        },
        rule,
        [sample],
      );
      await recordAudit(deps.db, c, {
        action: 'alert_rule.tested',
        target: rule.name,
        after: { sent: result.ok, error: result.error ?? null },
      });
      return c.json({ sent: result.ok, to: result.to, error: result.error ?? null }, 200);
    });
}
