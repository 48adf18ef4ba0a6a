import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { numberColumn, queryRows, timestampColumn } from '../db/query-rows.ts';
import { alertMatches, alertRules } from '../db/schema/index.ts';
import { sqlNames } from '../db/sql-names.ts';
import type { Mailer } from '../email/mailer.ts';
import type { Logger } from '../observability/logger.ts';
import { retryAfterMs, retryDelayMs } from '../webhooks/delivery-worker.ts';
import { outageLog } from '../workers/outage-log.ts';
import { type AlertSendResult, sendAlert } from './send-alert.ts';
import { readAlerted, takeCandidates } from './take-candidates.ts';

export interface AlertWorkerOptions {
  allowPrivateAddresses: boolean;
  /** Where people reach the API: links to the console's inbox. */
  publicUrl: string;
  pollMs?: number;
  /** The first retry's wait; each further one doubles, up to an hour, with ±20% jitter. */
  retryBaseMs?: number;
  /** A match still unsent this long after it matched is failed. */
  giveUpAfterMs?: number;
  /** A chat URL that answered 4xx this many times is wrong, not down: the match is failed. */
  clientErrorTries?: number;
  leaseMs?: number;
  sendTimeoutMs?: number;
}

export interface AlertWorkerDeps {
  db: Database;
  now: () => Date;
  logger: Logger;
  mailer: Mailer;
}

const m = sqlNames(alertMatches);
const ar = sqlNames(alertRules);
const claimedRow = z.object({
  site_id: z.string(),
  rule_id: z.string(),
  response_id: z.string(),
  attempts: numberColumn,
  matched_at: timestampColumn,
});
type Claimed = z.infer<typeof claimedRow>;

/**
 * Turns queued responses into matches and sends them. Any number of API processes may run one:
 * candidates are taken with SKIP LOCKED; matches are claimed a rule at a time (its row locked with
 * SKIP LOCKED, its due matches leased), so a rule's alert goes out from one process, and one whose
 * process died is taken up again when its lease ends.
 */
export function startAlertWorker({ db, now, logger, mailer }: AlertWorkerDeps, options: AlertWorkerOptions) {
  const { pollMs = 1000, retryBaseMs = 30_000, giveUpAfterMs = 24 * 3_600_000, clientErrorTries = 3, leaseMs = 60_000 } = options;
  const sendDeps = {
    db,
    mailer,
    publicUrl: options.publicUrl,
    allowPrivateAddresses: options.allowPrivateAddresses,
    ...(options.sendTimeoutMs ? { sendTimeoutMs: options.sendTimeoutMs } : {}),
  };
  const outages = outageLog(logger, 'sending alerts', now);
  let running: Promise<number> | undefined;
  let stopped = false;

  const claim = async (): Promise<Claimed[]> => {
    const at = now().toISOString();
    const leaseEnd = new Date(now().getTime() + leaseMs).toISOString();
    const due = (alias: string) =>
      sql`${sql.raw(alias)}.${m.status} = 'pending' and ${sql.raw(alias)}.${m.nextAttemptAt} <= ${at}
        and (${sql.raw(alias)}.${m.leaseUntil} is null or ${sql.raw(alias)}.${m.leaseUntil} < ${at})`;
    return queryRows(
      db,
      sql`with ready as (
          select rule.${ar.siteId} as site_id, rule.${ar.id} as id from ${ar.$table} rule
          where rule.${ar.pausedAt} is null and exists (
            select 1 from ${m.$table} d where d.${m.siteId} = rule.${ar.siteId} and d.${m.ruleId} = rule.${ar.id} and ${due('d')})
          limit 50
          for no key update of rule skip locked)
        update ${m.$table} x set ${m.leaseUntil} = ${leaseEnd}, ${m.attempts} = x.${m.attempts} + 1
        from ready where x.${m.siteId} = ready.site_id and x.${m.ruleId} = ready.id and ${due('x')}
        returning x.${m.siteId} as site_id, x.${m.ruleId} as rule_id, x.${m.responseId} as response_id,
          x.${m.attempts} as attempts, x.${m.matchedAt} as matched_at`,
      claimedRow,
    );
  };

  const record = async (matches: Claimed[], result: AlertSendResult) => {
    const at = now();
    const [first] = matches as [Claimed];
    const these = and(
      eq(alertMatches.siteId, first.site_id),
      eq(alertMatches.ruleId, first.rule_id),
      inArray(
        alertMatches.responseId,
        matches.map((match) => match.response_id),
      ),
    );
    const error = (result.error ?? 'failed').slice(0, 500);
    if (result.ok) {
      await db
        .update(alertMatches)
        .set({ status: 'sent', sentAt: at, leaseUntil: null, lastError: result.error ?? null })
        .where(these);
      return;
    }
    const attempts = Math.max(...matches.map((match) => match.attempts));
    const oldest = Math.min(...matches.map((match) => match.matched_at.getTime()));
    const wrongUrl = result.status !== undefined && result.status >= 400 && result.status < 500 && result.status !== 429;
    if ((wrongUrl && attempts >= clientErrorTries) || at.getTime() - oldest >= giveUpAfterMs) {
      await db.update(alertMatches).set({ status: 'failed', leaseUntil: null, lastError: error }).where(these);
      return;
    }
    const waitMs = result.status === 429 ? retryAfterMs(result.retryAfter, at.getTime()) : retryDelayMs(attempts, retryBaseMs);
    await db
      .update(alertMatches)
      .set({ leaseUntil: null, lastError: error, nextAttemptAt: new Date(at.getTime() + waitMs) })
      .where(these);
  };

  /** Sends a rule's claimed matches: one alert each, or all in one for an hourly rule. */
  const sendRule = async (matches: Claimed[]) => {
    const [first] = matches as [Claimed];
    const [rule] = await db
      .select()
      .from(alertRules)
      .where(and(eq(alertRules.siteId, first.site_id), eq(alertRules.id, first.rule_id)));
    if (!rule) return;
    const keys = JSON.stringify(matches.map((match) => ({ site_id: match.site_id, response_id: match.response_id })));
    const alerted = await readAlerted(
      db,
      sql`k as (select * from jsonb_to_recordset(${keys}::jsonb) as j(site_id uuid, response_id uuid))`,
    );
    alerted.sort((one, other) => one.createdAt.getTime() - other.createdAt.getTime());
    const groups = rule.frequency === 'hourly' ? [alerted] : alerted.map((response) => [response]);
    for (const group of groups) {
      if (group.length === 0) continue;
      const result = await sendAlert(sendDeps, rule, group);
      await record(
        matches.filter((match) => group.some((response) => response.id === match.response_id)),
        result,
      );
    }
  };

  /** Takes every queued response, then sends what is due; answers how many rules it sent for. */
  const runOnce = async (): Promise<number> => {
    while ((await takeCandidates(db, now())) > 0 && !stopped);
    const claimed = await claim();
    const byRule = new Map<string, Claimed[]>();
    for (const match of claimed)
      byRule.set(`${match.site_id}/${match.rule_id}`, [...(byRule.get(`${match.site_id}/${match.rule_id}`) ?? []), match]);
    await Promise.all([...byRule.values()].map((matches) => sendRule(matches).catch(outages.failed)));
    return byRule.size;
  };

  const tick = () => {
    if (running || stopped) return;
    running = runOnce()
      .then((count) => {
        outages.succeeded();
        return count;
      })
      .catch((error) => {
        outages.failed(error);
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, pollMs);
  timer.unref();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
