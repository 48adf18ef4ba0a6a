import type { AlertConditions, AlertDestination, AlertRuleAnswer, AlertRuleCreate, AlertRulePatch } from '@tenpoint/shared';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Caller } from '../app-env.ts';
import { isRole, roleAllows } from '../auth/roles.ts';
import type { Database } from '../db/client.ts';
import { numberColumn, queryRows, timestampColumn } from '../db/query-rows.ts';
import { type AlertRule, alertMatches, alertRules, consoleUsers, members, type Site, surveys } from '../db/schema/index.ts';
import { textArray } from '../db/sql-arrays.ts';
import { sqlNames } from '../db/sql-names.ts';
import { ApiError } from '../errors.ts';
import { isUuid } from '../input/ids.ts';
import { publicAddressesOf } from '../webhooks/private-addresses.ts';

/** Who asks, as the rules see them: a member of the site's organization (their member id), or a key. */
export interface RuleCaller {
  memberId: string | null;
  /** May make and change team rules: admins, the owner, full keys (read-only keys never reach here to change). */
  managesTeam: boolean;
}

export async function ruleCaller(db: Database, site: Site, caller: Caller): Promise<RuleCaller> {
  if (caller.kind === 'key') return { memberId: null, managesTeam: true };
  if (!site.organizationId) return { memberId: null, managesTeam: false };
  const [member] = await db
    .select({ id: members.id, role: members.role })
    .from(members)
    .where(and(eq(members.organizationId, site.organizationId), eq(members.userId, caller.userId)));
  return { memberId: member?.id ?? null, managesTeam: !!member && isRole(member.role) && roleAllows(member.role, 'manage') };
}

/** The rules a caller sees: the team's, and their own member rules (never another member's). */
const visibleTo = (siteId: string, who: RuleCaller) =>
  and(
    eq(alertRules.siteId, siteId),
    or(eq(alertRules.scope, 'team'), who.memberId ? eq(alertRules.createdByMemberId, who.memberId) : sql`false`),
  );

/** A rule the caller sees, else 404 (another member's rule answers as an unknown one). */
export async function findRule(db: Database, siteId: string, id: string, who: RuleCaller): Promise<AlertRule> {
  const [rule] = isUuid(id)
    ? await db
        .select()
        .from(alertRules)
        .where(and(visibleTo(siteId, who), eq(alertRules.id, id)))
    : [];
  if (!rule) throw new ApiError('not_found', `id: no alert rule ${id} on this site`);
  return rule;
}

export function mayChange(rule: Pick<AlertRule, 'scope'>, who: RuleCaller): void {
  if (rule.scope === 'team' && !who.managesTeam) throw new ApiError('forbidden', 'team alert rules are changed by an admin or the owner');
}

/** Checks a rule's references against the site: its surveys, members of its organization, a public chat URL. */
async function checkReferences(
  db: Database,
  site: Site,
  rule: { conditions?: AlertConditions | undefined; destination?: AlertDestination | undefined },
  allowPrivate: boolean,
) {
  const surveyIds = rule.conditions?.surveyIds ?? [];
  if (surveyIds.length > 0) {
    const found = await db
      .select({ id: surveys.id })
      .from(surveys)
      .where(and(eq(surveys.siteId, site.id), inArray(surveys.id, surveyIds)));
    const missing = surveyIds.find((id) => !found.some((survey) => survey.id === id));
    if (missing) throw new ApiError('invalid_request', `conditions.surveyIds: no survey ${missing} on this site`);
  }
  const destination = rule.destination;
  if (destination?.kind === 'email') {
    // A site made on the command line and not yet claimed has no organization, so no members.
    const found = site.organizationId
      ? await db
          .select({ id: members.id })
          .from(members)
          .where(and(eq(members.organizationId, site.organizationId), inArray(members.id, destination.memberIds)))
      : [];
    const missing = destination.memberIds.find((id) => !found.some((member) => member.id === id));
    if (missing) throw new ApiError('invalid_request', `destination.memberIds: ${missing} is not a member of this site's organization`);
  }
  if (destination?.kind === 'chat') {
    const url = new URL(destination.url);
    if (url.protocol !== 'https:' && !allowPrivate) throw new ApiError('invalid_request', 'destination.url: must be an https URL');
    try {
      await publicAddressesOf(url, allowPrivate);
    } catch (error) {
      throw new ApiError('invalid_request', `destination.url: ${(error as Error).message}`);
    }
  }
}

export async function createRule(db: Database, site: Site, who: RuleCaller, body: AlertRuleCreate, allowPrivate: boolean) {
  let destination: AlertDestination;
  if (body.scope === 'member') {
    if (!who.memberId) throw new ApiError('invalid_request', 'scope: a key makes team rules; member rules belong to a signed-in member');
    if (body.destination && body.destination.kind !== 'email')
      throw new ApiError('invalid_request', 'destination: a member rule emails its maker; a chat channel needs a team rule');
    destination = { kind: 'email', memberIds: [who.memberId] };
  } else {
    mayChange(body, who);
    if (!body.destination) throw new ApiError('invalid_request', 'destination: a team rule names members to email or a chat URL');
    destination = body.destination;
  }
  await checkReferences(db, site, { conditions: body.conditions, destination }, allowPrivate);
  const [created] = await db
    .insert(alertRules)
    .values({
      siteId: site.id,
      name: body.name,
      scope: body.scope,
      createdByMemberId: who.memberId,
      conditions: body.conditions,
      destination,
      frequency: body.frequency,
    })
    .returning();
  return created!;
}

export async function updateRule(db: Database, site: Site, rule: AlertRule, patch: AlertRulePatch, at: Date, allowPrivate: boolean) {
  const { paused, ...changes } = patch;
  if (rule.scope === 'member' && changes.destination)
    throw new ApiError('invalid_request', 'destination: a member rule always emails its maker');
  await checkReferences(db, site, changes, allowPrivate);
  const pausing = paused === undefined ? {} : { pausedAt: paused ? (rule.pausedAt ?? at) : null };
  const [updated] = await db
    .update(alertRules)
    .set({ ...changes, ...pausing, updatedAt: at })
    .where(and(eq(alertRules.siteId, rule.siteId), eq(alertRules.id, rule.id)))
    .returning();
  return updated!;
}

export async function deleteRule(db: Database, rule: AlertRule) {
  await db.delete(alertRules).where(and(eq(alertRules.siteId, rule.siteId), eq(alertRules.id, rule.id)));
}

const m = sqlNames(alertMatches);
const summaryRow = z.object({
  rule_id: z.string(),
  last_sent_at: timestampColumn.nullable(),
  last_error: z.string().nullable(),
  pending: numberColumn,
});

/** The rules as the API answers them, with when each last sent, its latest unsent match's error, and how many wait. */
export async function ruleAnswers(db: Database, siteId: string, rules: AlertRule[]): Promise<AlertRuleAnswer[]> {
  if (rules.length === 0) return [];
  const ids = rules.map((rule) => rule.id);
  const summaries = await queryRows(
    db,
    sql`select r.id as rule_id,
        (select max(x.${m.sentAt}) from ${m.$table} x where x.${m.siteId} = ${siteId} and x.${m.ruleId} = r.id) as last_sent_at,
        (select x.${m.lastError} from ${m.$table} x where x.${m.siteId} = ${siteId} and x.${m.ruleId} = r.id
           and x.${m.status} <> 'sent' and x.${m.lastError} is not null order by x.${m.matchedAt} desc limit 1) as last_error,
        (select count(*) from ${m.$table} x
           where x.${m.siteId} = ${siteId} and x.${m.ruleId} = r.id and x.${m.status} = 'pending') as pending
      from unnest(${textArray(ids)}::uuid[]) as r(id)`,
    summaryRow,
  );
  const makers = await db
    .select({ id: members.id, name: consoleUsers.name })
    .from(members)
    .innerJoin(consoleUsers, eq(consoleUsers.id, members.userId))
    .where(
      inArray(
        members.id,
        rules.flatMap((rule) => (rule.createdByMemberId ? [rule.createdByMemberId] : [])),
      ),
    );
  return rules.map((rule) => {
    const summary = summaries.find((row) => row.rule_id === rule.id);
    const maker = makers.find((row) => row.id === rule.createdByMemberId);
    return {
      id: rule.id,
      name: rule.name,
      scope: rule.scope,
      createdBy: maker ? { memberId: maker.id, name: maker.name } : null,
      conditions: rule.conditions as AlertConditions,
      destination: rule.destination as AlertDestination,
      frequency: rule.frequency,
      paused: rule.pausedAt !== null,
      lastSentAt: summary?.last_sent_at?.toISOString() ?? null,
      lastError: summary?.last_error ?? null,
      pending: summary?.pending ?? 0,
      createdAt: rule.createdAt.toISOString(),
    };
  });
}

export async function listRules(db: Database, siteId: string, who: RuleCaller) {
  const rules = await db.select().from(alertRules).where(visibleTo(siteId, who)).orderBy(alertRules.createdAt);
  return ruleAnswers(db, siteId, rules);
}

/** Every rule of these sites that is not paused: what the worker evaluates responses against. */
export const activeRules = (db: Database, siteIds: string[]) =>
  db
    .select()
    .from(alertRules)
    .where(and(inArray(alertRules.siteId, siteIds), isNull(alertRules.pausedAt)));
