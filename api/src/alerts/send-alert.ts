import type { AlertDestination } from '@tenpoint/shared';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { type AlertRule, consoleUsers, members, sites } from '../db/schema/index.ts';
import type { Mailer } from '../email/mailer.ts';
import { send } from '../webhooks/send.ts';
import { type AlertedResponse, alertChatMessage, alertEmail } from './alert-messages.ts';

export interface AlertSendDeps {
  db: Database;
  mailer: Mailer;
  publicUrl: string;
  allowPrivateAddresses: boolean;
  sendTimeoutMs?: number;
}

/** How one send went: `to` who got it; a chat receiver's status, to tell a URL that is wrong (4xx) from one that is down. */
export interface AlertSendResult {
  ok: boolean;
  to: string[];
  error?: string;
  status?: number;
  retryAfter?: string;
}

/** The addresses of the members a rule emails who are still in the site's organization. */
async function recipients(
  db: Database,
  rule: AlertRule,
  memberIds: string[],
): Promise<{ emails: string[]; organizationId: string | null }> {
  const [site] = await db.select({ organizationId: sites.organizationId }).from(sites).where(eq(sites.id, rule.siteId));
  const organizationId = site?.organizationId ?? null;
  if (!organizationId || memberIds.length === 0) return { emails: [], organizationId };
  const rows = await db
    .select({ email: consoleUsers.email })
    .from(members)
    .innerJoin(consoleUsers, eq(consoleUsers.id, members.userId))
    .where(and(eq(members.organizationId, organizationId), inArray(members.id, memberIds)));
  return { emails: [...new Set(rows.map((row) => row.email))].sort(), organizationId };
}

/**
 * Sends one alert of a rule: one response, or an hour's gathering. Email goes to each recipient
 * separately; it counts as sent when any recipient's server took it (a refused one is kept in the
 * outbox with its reason, not sent again to the others).
 */
export async function sendAlert(deps: AlertSendDeps, rule: AlertRule, responses: AlertedResponse[]): Promise<AlertSendResult> {
  const destination = rule.destination as AlertDestination;
  if (destination.kind === 'chat') {
    const body = JSON.stringify(alertChatMessage(rule.name, responses, deps.publicUrl));
    const result = await send(destination.url, body, {}, deps.allowPrivateAddresses, deps.sendTimeoutMs);
    const host = URL.canParse(destination.url) ? new URL(destination.url).host : destination.url;
    return { ...result, to: [host] };
  }
  const { emails, organizationId } = await recipients(deps.db, rule, destination.memberIds);
  if (emails.length === 0) return { ok: true, to: [], error: 'none of the members this rule emails is in the organization any more' };
  // About one user: a copy kept in the outbox is erased with them.
  const users = new Set(responses.map((response) => response.userId));
  const aboutUser = users.size === 1 ? { siteId: rule.siteId, userId: responses[0]!.userId } : undefined;
  const failures: string[] = [];
  for (const to of emails) {
    const email = alertEmail(to, rule.name, responses, deps.publicUrl);
    const outcome = await deps.mailer.send({ ...email, organizationId, ...(aboutUser ? { aboutUser } : {}) });
    if (outcome.status === 'failed') failures.push(`${to}: ${outcome.reason}`);
  }
  const error = failures.length > 0 ? `not taken by the mail server for ${failures.join('; ')}` : undefined;
  return { ok: failures.length < emails.length, to: emails, ...(error ? { error } : {}) };
}
