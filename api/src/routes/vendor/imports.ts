import { createRoute, z } from '@hono/zod-openapi';
import { importAnswerSchema, importQuerySchema } from '@tenpoint/shared';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Services } from '../../deps.ts';
import { ApiError } from '../../errors.ts';
import { importResponses } from '../../imports/import-responses.ts';
import { requireSite } from '../../middleware/site-access.ts';
import { errors, json, vendor, vendorBodyErrors } from '../../openapi/answers.ts';
import { router } from '../router.ts';

/** An import's body limit: a year of answers of a busy product, far over the 16 KB of other calls. */
export const importBodyBytes = 20 * 1024 * 1024;
export const importPath = '/v1/imports/responses';

// What browsers and tools send a .csv file as.
const csvTypes = ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel', 'application/octet-stream'];

const importResponsesRoute = createRoute({
  method: 'post',
  path: importPath,
  operationId: 'importResponses',
  tags: ['Responses'],
  summary: 'Import past responses from a Wootric, Delighted or HubSpot export, or a plain CSV',
  description:
    'The CSV file is the body (`text/csv`, at most 20 MB). All or nothing: one refused row writes nothing unless ' +
    "`skipRefused=true`, and answers 400: the error, with the import's answer (each refused row with its line, column and why) " +
    'beside it. A dry run answers 200 with the same list. Importing a file again adds nothing. ' +
    'Imported responses keep their dates and count in the scores at those dates; they reach no webhook or alert, and are ' +
    '`closed` in the inbox. docs/contract.md lists the columns each format is read by.',
  ...vendor,
  request: {
    query: importQuerySchema,
    body: {
      required: true,
      content: { 'text/csv': { schema: z.string().meta({ examples: ['user_id,score,created_at\nu_1,9,2025-03-05\n'] }) } },
    },
  },
  responses: {
    200: json('What was imported (or, on a dry run, would be), what was there already, and each refused row.', importAnswerSchema),
    ...errors(...vendorBodyErrors, 404),
  },
});

/** Importing another tool's history of responses: an admin's or a full key's, as it changes the scores. */
export function importRoutes(deps: Services) {
  return router().openapi({ ...importResponsesRoute, middleware: requireSite(deps, () => 'manage') }, async (c) => {
    const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (!type || !csvTypes.includes(type))
      throw new ApiError('unsupported_media_type', 'Content-Type: must be text/csv, with the CSV file as the body');
    const query = c.req.valid('query');
    const site = c.get('site');
    const answer = await importResponses(deps.db, {
      siteId: site.id,
      file: new Uint8Array(await c.req.arrayBuffer()),
      format: query.format,
      surveyId: query.surveyId,
      dryRun: query.dryRun === 'true',
      skipRefused: query.skipRefused === 'true',
      now: deps.now(),
    });
    if (answer.written) await recordAudit(deps.db, c, { action: 'responses.imported', target: `${answer.imported} from ${answer.format}` });
    if (answer.dryRun || answer.refused === 0 || answer.written) return c.json(answer, 200);
    const first = answer.refusedRows
      .slice(0, 3)
      .map((row) => `line ${row.line}${row.column ? `, ${row.column}` : ''}: ${row.reason}`)
      .join('; ');
    const rows = `${answer.refused} ${answer.refused === 1 ? 'row' : 'rows'}`;
    const message = `${rows} refused, nothing imported (skipRefused=true imports the others): ${first}`;
    return c.json({ error: { code: 'invalid_request' as const, message, requestId: c.get('requestId') ?? 'unknown' }, ...answer }, 400);
  });
}
