import type { HttpBindings } from '@hono/node-server';
import { createRoute, z } from '@hono/zod-openapi';
import { type ResponsesQuery, responsesPageSchema, responsesQuerySchema } from '@tenpoint/shared';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { Services } from '../../deps.ts';
import { requireSite } from '../../middleware/site-access.ts';
import { errorFields } from '../../observability/logger.ts';
import { errors, json, vendor, vendorErrors } from '../../openapi/answers.ts';
import { findResponses, type ResponseFilter } from '../../responses/find-responses.ts';
import { responsesCsv } from '../../responses/responses-csv.ts';
import { readScoreQuery } from '../../scores/score-query.ts';
import { findSurveys } from '../../surveys/find-surveys.ts';
import { router } from '../router.ts';

const listResponses = createRoute({
  method: 'get',
  path: '/v1/responses',
  operationId: 'listResponses',
  tags: ['Responses'],
  summary: 'Responses with their comments, a page at a time',
  description: 'Newest first, or by score with `sort=score`; filtered by range, category, comment and traits as the scores are.',
  ...vendor,
  request: { query: responsesQuerySchema },
  responses: { 200: json('One page; pass `nextCursor` as `cursor` for the next.', responsesPageSchema), ...errors(...vendorErrors, 404) },
});

const exportResponses = createRoute({
  method: 'get',
  path: '/v1/responses.csv',
  operationId: 'exportResponsesCsv',
  tags: ['Responses'],
  summary: 'The same responses as CSV',
  description:
    'Streamed, UTF-8 with a byte-order mark; cells that a spreadsheet would run as a formula are prefixed with an apostrophe. A ' +
    'failure before the first rows is an error answer; one later breaks the connection off, so that an incomplete file never ' +
    'looks whole.',
  ...vendor,
  request: { query: responsesQuerySchema.omit({ cursor: true, limit: true }) },
  responses: {
    200: {
      description: 'The responses, one per row, under a header row.',
      content: {
        'text/csv': {
          schema: z
            .string()
            .meta({ examples: ['created_at,score,category,comment,user_id,account_id,locale,url,user_traits,account_traits,id\n'] }),
        },
      },
    },
    ...errors(...vendorErrors, 404),
  },
});

async function filterOf(deps: Services, c: Context<AppEnv>, asked: Omit<ResponsesQuery, 'cursor' | 'limit'>): Promise<ResponseFilter> {
  const { from, to, tz, category, hasComment, q, sort, includeTest } = asked;
  const site = c.get('site');
  const [survey, ...others] = await findSurveys(deps.db, site.id, asked);
  const { start, end, traits } = readScoreQuery(site.id, survey, { from, to, tz }, new URL(c.req.url).searchParams, deps.now());
  return {
    siteId: site.id,
    survey,
    surveyIds: others.length ? [survey.id, ...others.map((each) => each.id)] : undefined,
    start,
    end,
    traits,
    category,
    hasComment: hasComment === undefined ? undefined : hasComment === 'true',
    text: q?.trim() || undefined,
    sort,
    includeTest: includeTest === 'true',
  };
}

/** The vendor's own responses, with their comments: a page at a time, or all of them as CSV. */
export function responseReadingRoutes(deps: Services) {
  const encoder = new TextEncoder();
  return router()
    .openapi({ ...listResponses, middleware: requireSite(deps) }, async (c) => {
      const asked = c.req.valid('query');
      return c.json(await findResponses(deps.db, await filterOf(deps, c, asked), { cursor: asked.cursor, limit: asked.limit }), 200);
    })
    .openapi({ ...exportResponses, middleware: requireSite(deps, () => 'export') }, async (c) => {
      const lines = await responsesCsv(deps.db, await filterOf(deps, c, c.req.valid('query')));
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          try {
            const next = await lines.next();
            if (next.done) controller.close();
            else controller.enqueue(encoder.encode(next.value));
          } catch (error) {
            c.var.logger?.error({ error: errorFields(error) }, 'the CSV export broke off');
            // The connection is cut, so that the client sees an incomplete download: the Node
            // server would end an errored stream as cleanly as a whole file.
            const socket = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
            if (socket) socket.destroy();
            else controller.error(error);
          }
        },
        async cancel() {
          await lines.return(undefined);
        },
      });
      const day = deps.now().toISOString().slice(0, 10);
      return new Response(body, {
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="responses-${day}.csv"`,
          'Cache-Control': 'no-store',
        },
      });
    });
}
