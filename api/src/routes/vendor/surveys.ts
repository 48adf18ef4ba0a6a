import { randomUUID } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import {
  keepProtoKeys,
  type SurveyAnswer,
  surveyCreateSchema,
  surveyListSchema,
  surveyPatchSchema,
  surveySchema,
  surveySettingsSchema,
} from '@tenpoint/shared';
import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../audit/record-audit.ts';
import { type Survey, surveys } from '../../db/schema/index.ts';
import type { Services } from '../../deps.ts';
import { ApiError } from '../../errors.ts';
import { idPath, isUuid } from '../../input/ids.ts';
import { jsonBody } from '../../input/json-body.ts';
import { requireSite } from '../../middleware/site-access.ts';
import { conflict, errors, json, vendor, vendorBody, vendorBodyErrors, vendorErrors } from '../../openapi/answers.ts';
import { tallyTraits } from '../../scores/segments.ts';
import { rebuildTraitSegments } from '../../scores/tally-folder.ts';
import { copyName, deleteSurvey } from '../../surveys/delete-survey.ts';
import { findSurvey } from '../../surveys/find-survey.ts';
import { mergeSettings } from '../../surveys/merge-settings.ts';
import { router } from '../router.ts';

export function surveyAnswer(survey: Survey): SurveyAnswer {
  const { id, type, name, productName, isDefault, enabled, createdAt } = survey;
  return {
    id,
    type,
    name,
    productName,
    isDefault,
    enabled,
    settings: surveySettingsSchema.parse(survey.settings),
    createdAt: createdAt.toISOString(),
  };
}

const surveyIdOf = (id: string) => {
  if (!isUuid(id)) throw new ApiError('not_found', `id: no survey ${id} on this site`);
  return id;
};

const defaultSurveyMessage = "id: this is the site's default survey, which widget calls without a surveyId get; it cannot be deleted";
const surveyPath = idPath('The survey id.');
const tags = ['Surveys'];

const listSurveys = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listSurveys',
  tags,
  summary: "The site's surveys and their settings",
  description:
    'Every survey of the site with every setting filled in, the default survey (the one widget calls without `surveyId` get) first.',
  ...vendor,
  responses: { 200: json('Default survey first.', surveyListSchema), ...errors(...vendorErrors) },
});

const createSurvey = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createSurvey',
  tags,
  summary: 'A new survey (NPS, CSAT or CES)',
  description: 'Settings left out take their defaults; widget calls name the survey by its `id` (`surveyId`).',
  ...vendor,
  request: { body: vendorBody(surveyCreateSchema) },
  responses: { 201: json('Created.', surveySchema), ...errors(...vendorBodyErrors) },
});

const getSurvey = createRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'getSurvey',
  tags,
  summary: 'One survey',
  description: 'Its settings with every default filled in. An id that names no survey of this site answers 404.',
  ...vendor,
  request: { params: surveyPath },
  responses: { 200: json('The survey with every setting filled in.', surveySchema), ...errors(...vendorErrors, 404) },
});

const updateSurvey = createRoute({
  method: 'patch',
  path: '/{id}',
  operationId: 'updateSurvey',
  tags,
  summary: 'Change a survey',
  description:
    '`settings` is merged object by object into what is stored (a list or a value replaces what was there; `null` in `wording` ' +
    'removes that locale, or one text of it, back to the built-in words), then validated whole; see the `settings` of the ' +
    'survey schema. A change to `segmentTraits` makes those segments again from the responses.',
  ...vendor,
  request: { params: surveyPath, body: vendorBody(surveyPatchSchema) },
  responses: { 200: json('The survey as now stored.', surveySchema), ...errors(...vendorBodyErrors, 404) },
});

const duplicateSurvey = createRoute({
  method: 'post',
  path: '/{id}/duplicate',
  operationId: 'duplicateSurvey',
  tags,
  summary: 'A copy of a survey, switched off',
  description:
    'The same type, product name and settings, named "… (copy)" and switched off, so that it asks no one before it is ' +
    'edited and switched on. Its responses and scores start empty.',
  ...vendor,
  request: { params: surveyPath },
  responses: { 201: json('The copy.', surveySchema), ...errors(...vendorErrors, 404, 413) },
});

const deleteSurveyRoute = createRoute({
  method: 'delete',
  path: '/{id}',
  operationId: 'deleteSurvey',
  tags,
  summary: 'Delete a survey and its answers',
  description:
    'Naming the survey exactly in `confirm`. Its responses, impressions, declines and tallies go with it, at once; the audit ' +
    'log keeps that it was deleted, and by whom. The default survey (the one widget calls without `surveyId` get) cannot be ' +
    'deleted: 409.',
  ...vendor,
  request: {
    params: surveyPath,
    query: z.object({
      confirm: z.string({ error: 'type the survey’s name, exactly, to delete it' }).max(200).describe('The survey’s name, exactly.'),
    }),
  },
  responses: {
    204: { description: 'Deleted.' },
    ...errors(...vendorErrors, 404, 413),
    409: conflict('The default survey: widget calls without `surveyId` get it, so it cannot be deleted.', defaultSurveyMessage),
  },
});

/** The stored values of the fields a change touches: the audit log's "before". */
const pickChanged = (stored: Record<string, unknown>, changes: Record<string, unknown>) =>
  Object.fromEntries(Object.keys(changes).map((field) => [field, stored[field]]));

/** A site's surveys and their settings: read, create, change with validation, copy and delete. */
export function surveyRoutes(deps: Services) {
  const app = router();
  app.use(requireSite(deps));
  return app
    .openapi(listSurveys, async (c) => {
      const rows = await deps.db
        .select()
        .from(surveys)
        .where(eq(surveys.siteId, c.get('site').id))
        .orderBy(desc(surveys.isDefault), asc(surveys.createdAt));
      return c.json({ data: rows.map(surveyAnswer) }, 200);
    })
    .openapi({ ...createSurvey, middleware: jsonBody }, async (c) => {
      // A `__proto__` setting, which zod's record drops, must reach mergeSettings to be refused.
      const body = keepProtoKeys(surveyCreateSchema, await c.req.json(), c.req.valid('json'));
      const [created] = await deps.db
        .insert(surveys)
        .values({
          id: randomUUID(),
          siteId: c.get('site').id,
          type: body.type,
          name: body.name,
          productName: body.productName,
          enabled: body.enabled ?? true,
          settings: mergeSettings({}, body.settings ?? {}),
        })
        .returning();
      await recordAudit(deps.db, c, { action: 'survey.created', target: created!.name, after: surveyAnswer(created!) });
      return c.json(surveyAnswer(created!), 201);
    })
    .openapi(getSurvey, async (c) =>
      c.json(surveyAnswer(await findSurvey(deps.db, c.get('site').id, surveyIdOf(c.req.valid('param').id))), 200),
    )
    .openapi({ ...updateSurvey, middleware: jsonBody }, async (c) => {
      const siteId = c.get('site').id;
      const id = surveyIdOf(c.req.valid('param').id);
      const patch = keepProtoKeys(surveyPatchSchema, await c.req.json(), c.req.valid('json'));
      // Read and write in one transaction, the row locked, so that two patches never lose each other's fields.
      const updated = await deps.db.transaction(async (tx) => {
        const [stored] = await tx
          .select()
          .from(surveys)
          .where(and(eq(surveys.siteId, siteId), eq(surveys.id, id)))
          .for('update');
        if (!stored) throw new ApiError('not_found', `id: no survey ${id} on this site`);
        const changes = {
          ...(patch.name === undefined ? {} : { name: patch.name }),
          ...(patch.productName === undefined ? {} : { productName: patch.productName }),
          ...(patch.enabled === undefined ? {} : { enabled: patch.enabled }),
          ...(patch.settings === undefined ? {} : { settings: mergeSettings(stored.settings, patch.settings) }),
        };
        if (Object.keys(changes).length === 0) return stored;
        await recordAudit(tx, c, { action: 'survey.updated', target: stored.name, before: pickChanged(stored, changes), after: changes });
        const [row] = await tx
          .update(surveys)
          .set(changes)
          .where(and(eq(surveys.siteId, siteId), eq(surveys.id, id)))
          .returning();
        // The tallies keep other traits now: their segments are made again from the responses.
        if (JSON.stringify(tallyTraits(row!)) !== JSON.stringify(tallyTraits(stored))) await rebuildTraitSegments(tx, siteId, id);
        return row!;
      });
      deps.lookups.forgetSite(c.get('site'));
      return c.json(surveyAnswer(updated), 200);
    })
    .openapi(duplicateSurvey, async (c) => {
      const original = await findSurvey(deps.db, c.get('site').id, surveyIdOf(c.req.valid('param').id));
      const [copy] = await deps.db
        .insert(surveys)
        .values({ ...original, id: randomUUID(), name: copyName(original.name), isDefault: false, enabled: false, createdAt: new Date() })
        .returning();
      await recordAudit(deps.db, c, { action: 'survey.created', target: copy!.name, after: surveyAnswer(copy!) });
      return c.json(surveyAnswer(copy!), 201);
    })
    .openapi(deleteSurveyRoute, async (c) => {
      const siteId = c.get('site').id;
      const id = surveyIdOf(c.req.valid('param').id);
      await deps.db.transaction(async (tx) => {
        const [stored] = await tx
          .select()
          .from(surveys)
          .where(and(eq(surveys.siteId, siteId), eq(surveys.id, id)))
          .for('update');
        if (!stored) throw new ApiError('not_found', `id: no survey ${id} on this site`);
        if (c.req.valid('query').confirm !== stored.name)
          throw new ApiError('invalid_request', `confirm: type the survey's name exactly ("${stored.name}") to delete it`);
        if (stored.isDefault) throw new ApiError('conflict', defaultSurveyMessage);
        await deleteSurvey(tx, stored);
        await recordAudit(tx, c, { action: 'survey.deleted', target: stored.name, before: surveyAnswer(stored) });
      });
      deps.lookups.forgetSite(c.get('site'));
      return c.body(null, 204);
    });
}
