import { describeZodError, responsesQuerySchema } from '@tenpoint/shared';
import type { HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { AppDeps } from '../../deps.ts';
import { ApiError } from '../../errors.ts';
import { errorFields } from '../../observability/logger.ts';
import { requireSecretKey } from '../../middleware/secret-key.ts';
import { findResponses, type ResponseFilter } from '../../responses/find-responses.ts';
import { responsesCsv } from '../../responses/responses-csv.ts';
import { readScoreQuery } from '../../scores/score-query.ts';
import { findSurvey } from '../../surveys/find-survey.ts';

async function readFilter(deps: AppDeps, c: Context<AppEnv>) {
  const raw = c.req.query();
  const parsed = responsesQuerySchema.safeParse(raw);
  if (!parsed.success) throw new ApiError('invalid_request', describeZodError(parsed.error));
  const { surveyId, from, to, tz, category, hasComment, q, sort, cursor, limit, includeTest } = parsed.data;
  const site = c.get('site');
  const survey = await findSurvey(deps.db, site.id, surveyId);
  const { start, end, traits } = readScoreQuery(site.id, survey, { from, to, tz }, new URL(c.req.url).searchParams, deps.now());
  const filter: ResponseFilter = {
    siteId: site.id,
    survey,
    start,
    end,
    traits,
    category,
    hasComment: hasComment === undefined ? undefined : hasComment === 'true',
    text: q?.trim() || undefined,
    sort,
    includeTest: includeTest === 'true',
  };
  return { filter, cursor, limit };
}

/** The vendor's own answers, with their comments: a page at a time, or all of them as CSV. */
export function responseReadingRoutes(deps: AppDeps) {
  const encoder = new TextEncoder();
  return new Hono<AppEnv>()
    .get('/v1/responses', requireSecretKey(deps), async (c) => {
      const { filter, cursor, limit } = await readFilter(deps, c);
      return c.json(await findResponses(deps.db, filter, { cursor, limit }));
    })
    .get('/v1/responses.csv', requireSecretKey(deps), async (c) => {
      const { filter } = await readFilter(deps, c);
      const lines = await responsesCsv(deps.db, filter);
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
