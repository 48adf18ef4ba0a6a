import type { AlertConditions, Traits } from '@tenpoint/shared';
import type { Band, SurveyType } from '@tenpoint/shared/scores';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { jsonColumn, queryRows, timestampColumn } from '../db/query-rows.ts';
import { accounts, alertCandidates, alertMatches, responses, surveys } from '../db/schema/index.ts';
import { sqlNames } from '../db/sql-names.ts';
import type { AlertedResponse } from './alert-messages.ts';
import { meetsConditions, scoreDrop } from './match-rule.ts';
import { activeRules } from './rules.ts';

type Executor = Pick<Database, 'execute' | 'select' | 'insert'>;

const c = sqlNames(alertCandidates);
const r = sqlNames(responses);
const s = sqlNames(surveys);
const a = sqlNames(accounts);

const alertedRow = z
  .object({
    site_id: z.string(),
    id: z.string(),
    survey_id: z.string(),
    survey_type: z.enum(['nps', 'csat', 'ces']),
    survey_name: z.string(),
    score: z.number(),
    band: z.enum(['low', 'middle', 'high']),
    comment: z.string().nullable(),
    account_id: z.string().nullable(),
    account_name: z.string().nullable(),
    account_traits: jsonColumn<Traits>(),
    user_id: z.string(),
    created_at: timestampColumn,
  })
  .transform((row): AlertedResponse & { createdAt: Date } => ({
    siteId: row.site_id,
    id: row.id,
    surveyId: row.survey_id,
    surveyType: row.survey_type as SurveyType,
    surveyName: row.survey_name,
    score: row.score,
    band: row.band as Band,
    comment: row.comment,
    accountId: row.account_id,
    accountName: row.account_name,
    accountTraits: row.account_traits,
    userId: row.user_id,
    createdAt: row.created_at,
  }));

/** The responses as alerts show them; `keys` are common table expressions, the last `k (site_id, response_id)`. */
export function readAlerted(db: Executor, keys: SQL) {
  return queryRows(
    db,
    sql`with ${keys}
      select x.${r.siteId} as site_id, x.${r.id} as id, x.${r.surveyId} as survey_id, sv.${s.type} as survey_type,
        sv.${s.name} as survey_name, x.${r.score} as score, x.${r.band} as band, x.${r.comment} as comment,
        x.${r.accountId} as account_id, ac.${a.name} as account_name, x.${r.accountTraits} as account_traits,
        x.${r.userId} as user_id, x.${r.createdAt} as created_at
      from k
      join ${r.$table} x on x.${r.siteId} = k.site_id and x.${r.id} = k.response_id
      join ${s.$table} sv on sv.${s.siteId} = x.${r.siteId} and sv.${s.id} = x.${r.surveyId}
      left join ${a.$table} ac on ac.${a.siteId} = x.${r.siteId} and ac.${a.accountId} = x.${r.accountId}`,
    alertedRow,
  );
}

const windowMs = 90 * 24 * 60 * 60 * 1000;

/** The account's other scores on the survey over the 90 days up to this response (test answers aside). */
async function accountWindowScores(db: Executor, response: AlertedResponse & { createdAt: Date }): Promise<number[]> {
  const rows = await queryRows(
    db,
    sql`select ${r.score} as score from ${r.$table}
      where ${r.siteId} = ${response.siteId} and ${r.surveyId} = ${response.surveyId} and ${r.accountId} = ${response.accountId}
        and not ${r.test} and ${r.id} <> ${response.id}
        and ${r.createdAt} > ${new Date(response.createdAt.getTime() - windowMs).toISOString()}
        and ${r.createdAt} <= ${response.createdAt.toISOString()}`,
    z.object({ score: z.number() }),
  );
  return rows.map((row) => row.score);
}

const nextTopOfHour = (at: Date) => new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000 + 3_600_000);

/**
 * Takes up to `batch` queued responses (SKIP LOCKED: processes share the queue), evaluates every
 * active rule of their sites, and writes the matches, all in one transaction: a process that dies
 * midway leaves the candidates queued. A rule alerts a response once (the key; ON CONFLICT DO NOTHING).
 */
export async function takeCandidates(db: Database, at: Date, batch = 200): Promise<number> {
  return db.transaction(async (tx) => {
    const taken = await readAlerted(
      tx,
      sql`picked as (
          select ${c.siteId} as site_id, ${c.responseId} as response_id from ${c.$table}
          order by ${c.queuedAt} limit ${batch} for update skip locked),
        k as (delete from ${c.$table} q using picked where q.${c.siteId} = picked.site_id and q.${c.responseId} = picked.response_id
        returning q.${c.siteId} as site_id, q.${c.responseId} as response_id)`,
    );
    if (taken.length === 0) return 0;
    const rules = await activeRules(tx as Database, [...new Set(taken.map((response) => response.siteId))]);
    const matches: Array<typeof alertMatches.$inferInsert> = [];
    for (const response of taken) {
      for (const rule of rules.filter((one) => one.siteId === response.siteId)) {
        const conditions = rule.conditions as AlertConditions;
        if (!meetsConditions(conditions, response)) continue;
        const drop = conditions.accountScoreDrop;
        if (drop) {
          const points = scoreDrop(response.surveyType, await accountWindowScores(tx, response), response.score, drop.minResponses);
          if (points === null || points < drop.points) continue;
        }
        const due = rule.frequency === 'hourly' ? nextTopOfHour(at) : at;
        matches.push({ siteId: rule.siteId, ruleId: rule.id, responseId: response.id, matchedAt: at, nextAttemptAt: due });
      }
    }
    if (matches.length > 0) await tx.insert(alertMatches).values(matches).onConflictDoNothing();
    return taken.length;
  });
}
