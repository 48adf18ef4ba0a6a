import { randomUUID } from 'node:crypto';
import { surveyCreateSchema, surveyPatchSchema, surveySettingsSchema, type SurveyAnswer } from '@tenpoint/shared';
import { and, asc, desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { Services } from '../../deps.ts';
import { surveys, type Survey } from '../../db/schema/index.ts';
import { ApiError } from '../../errors.ts';
import { readJsonBody } from '../../input/json-body.ts';
import { requireSecretKey } from '../../middleware/secret-key.ts';
import { findSurvey } from '../../surveys/find-survey.ts';
import { mergeSettings } from '../../surveys/merge-settings.ts';
import { rebuildTraitSegments } from '../../scores/tally-folder.ts';
import { tallyTraits } from '../../scores/segments.ts';

export function surveyAnswer(survey: Survey): SurveyAnswer {
  const { id, type, name, productName, isDefault, enabled, createdAt } = survey;
  return { id, type, name, productName, isDefault, enabled, settings: surveySettingsSchema.parse(survey.settings), createdAt: createdAt.toISOString() };
}

const surveyIdOf = (id: string) => {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new ApiError('not_found', `id: no survey ${id} on this site`);
  return id;
};

/** A site's surveys and their settings: read, create, and change with validation. */
export function surveyRoutes(deps: Services) {
  return new Hono<AppEnv>()
    .use(requireSecretKey(deps))
    .get('/', async (c) => {
      const rows = await deps.db
        .select()
        .from(surveys)
        .where(eq(surveys.siteId, c.get('site').id))
        .orderBy(desc(surveys.isDefault), asc(surveys.createdAt));
      return c.json({ data: rows.map(surveyAnswer) });
    })
    .post('/', async (c) => {
      const body = await readJsonBody(c, surveyCreateSchema);
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
      return c.json(surveyAnswer(created!), 201);
    })
    .get('/:id', async (c) => c.json(surveyAnswer(await findSurvey(deps.db, c.get('site').id, surveyIdOf(c.req.param('id'))))))
    .patch('/:id', async (c) => {
      const siteId = c.get('site').id;
      const id = surveyIdOf(c.req.param('id'));
      const patch = await readJsonBody(c, surveyPatchSchema);
      // Read and write in one transaction, the row locked, so that two patches never lose each other's fields.
      const updated = await deps.db.transaction(async (tx) => {
        const [stored] = await tx.select().from(surveys).where(and(eq(surveys.siteId, siteId), eq(surveys.id, id))).for('update');
        if (!stored) throw new ApiError('not_found', `id: no survey ${id} on this site`);
        const changes = {
          ...(patch.name === undefined ? {} : { name: patch.name }),
          ...(patch.productName === undefined ? {} : { productName: patch.productName }),
          ...(patch.enabled === undefined ? {} : { enabled: patch.enabled }),
          ...(patch.settings === undefined ? {} : { settings: mergeSettings(stored.settings, patch.settings) }),
        };
        if (Object.keys(changes).length === 0) return stored;
        const [row] = await tx
          .update(surveys)
          .set(changes)
          .where(and(eq(surveys.siteId, siteId), eq(surveys.id, id)))
          .returning();
        // The tallies keep other traits now: their segments are made again from the answers.
        if (JSON.stringify(tallyTraits(row!)) !== JSON.stringify(tallyTraits(stored))) await rebuildTraitSegments(tx, siteId, id);
        return row!;
      });
      deps.lookups.forgetSite(c.get('site'));
      return c.json(surveyAnswer(updated));
    });
}
