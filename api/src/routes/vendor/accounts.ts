import { createRoute } from '@hono/zod-openapi';
import { type AccountsAnswer, accountsAnswerSchema, scoresQuerySchema } from '@tenpoint/shared';
import { noChangeReason } from '@tenpoint/shared/score-change';
import { and, eq, inArray } from 'drizzle-orm';
import { accounts } from '../../db/schema/index.ts';
import type { Services } from '../../deps.ts';
import { requireSite } from '../../middleware/site-access.ts';
import { errors, json, vendor, vendorErrors } from '../../openapi/answers.ts';
import { rollupSurveys } from '../../scores/rollup-surveys.ts';
import { instantOf, readScoreQuery, zoneOffsetMs } from '../../scores/score-query.ts';
import { scoreFields, scoreReport } from '../../scores/score-report.ts';
import { findSurveys } from '../../surveys/find-surveys.ts';
import { router } from '../router.ts';

const dayMs = 24 * 60 * 60 * 1000;

const getAccounts = createRoute({
  method: 'get',
  path: '/',
  operationId: 'getAccounts',
  tags: ['Scores'],
  summary: 'B2B: each account’s score, responses, last response and trend',
  description:
    'Over `from`–`to` (the 90 days to today in `tz` unless given); `trend` is the change against the range of the same length ' +
    'just before, null with `trendReason` unless both ranges have `minSample` responses.',
  ...vendor,
  request: {
    query: scoresQuerySchema.pick({
      surveyId: true,
      surveyIds: true,
      from: true,
      to: true,
      tz: true,
      minSample: true,
      includeTest: true,
      trait: true,
    }),
  },
  responses: {
    200: json(
      'Accounts with responses in the range, most responses first; their fields depend on the survey’s `type`.',
      accountsAnswerSchema,
    ),
    ...errors(...vendorErrors, 404),
  },
});

/**
 * B2B: each account's score over the range (90 days to today unless given), its responses, last
 * response, and its trend against the range of the same length just before.
 */
export function accountRoutes(deps: Services) {
  return router().openapi({ ...getAccounts, middleware: requireSite(deps) }, async (c) => {
    const asked = c.req.valid('query');
    const site = c.get('site');
    const surveys = await findSurveys(deps.db, site.id, asked);
    const survey = surveys[0];
    const query = readScoreQuery(site.id, survey, { ...asked, groupBy: 'account' }, new URL(c.req.url).searchParams, deps.now());
    // By default the 90 days that end with today (or with `to`), as days run in the asked time zone.
    const localDay = (instant: number) => Date.parse(new Date(instant + zoneOffsetMs(instant, query.tz)).toISOString().slice(0, 10));
    const dateOf = (utcMidnight: number) => new Date(utcMidnight).toISOString().slice(0, 10);
    const end = query.end ?? instantOf(dateOf(localDay(query.askedAt.getTime())), query.tz, true);
    const start = query.start ?? instantOf(dateOf(localDay(end.getTime()) - 90 * dayMs), query.tz);
    const previousStart = new Date(start.getTime() - (end.getTime() - start.getTime()));
    const [current, previous] = await Promise.all([
      rollupSurveys(deps.db, { ...query, start, end }, surveys),
      rollupSurveys(deps.db, { ...query, start: previousStart, end: start }, surveys),
    ]);
    const segments = scoreReport({ ...query, start, end }, current).groups;
    const names = segments.length
      ? await deps.db
          .select({ id: accounts.accountId, name: accounts.name, traits: accounts.traits })
          .from(accounts)
          .where(
            and(
              eq(accounts.siteId, site.id),
              inArray(
                accounts.accountId,
                segments.map((segment) => segment.key),
              ),
            ),
          )
      : [];
    const byId = new Map(names.map((account) => [account.id, account]));
    const data = segments.map(({ key, ...score }) => {
      const before = previous.segments.get(key);
      const earlier = before ? (scoreFields(survey.type, before.tally, query.minSample) as Record<string, unknown>) : null;
      const now = (score as Record<string, unknown>)[survey.type] as number | null;
      const then = earlier ? ((earlier[survey.type] as number | null) ?? null) : null;
      const trendReason = noChangeReason(score.responses, Number(earlier?.responses ?? 0), query.minSample);
      return {
        accountId: key,
        name: byId.get(key)?.name ?? null,
        traits: byId.get(key)?.traits ?? {},
        ...score,
        previous: earlier ? { responses: earlier.responses, [survey.type]: then } : null,
        // Points (NPS, CSAT) or score (CES) gained since the previous range; null unless both have enough responses.
        trend: trendReason === null && now !== null && then !== null ? Math.round((now - then) * 10) / 10 : null,
        trendReason,
      };
    });
    return c.json({ type: survey.type, from: start.toISOString(), to: end.toISOString(), data } as AccountsAnswer, 200);
  });
}
