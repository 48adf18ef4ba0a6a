import type { Context } from 'hono';
import type { AppEnv, Caller } from '../app-env.ts';
import type { Database } from '../db/client.ts';
import { auditEvents } from '../db/schema/index.ts';

export interface AuditEvent {
  /** What happened, as `thing.verb`: `site.updated`, `key.created`, `member.removed`… */
  action: string;
  /** What it happened to, in words a reader knows it by (a key's name, an email, an origin). */
  target?: string | undefined;
  before?: unknown;
  after?: unknown;
}

type Executor = Pick<Database, 'insert'>;

/** Keeps who did what: the caller and site of the request, or those given (organization-wide changes). */
export async function recordAudit(
  db: Executor,
  c: Context<AppEnv>,
  event: AuditEvent,
  scope: { organizationId?: string | null; siteId?: string | null; caller?: Caller } = {},
): Promise<void> {
  const site = c.get('site') as AppEnv['Variables']['site'] | undefined;
  const caller = scope.caller ?? c.get('caller');
  await db.insert(auditEvents).values({
    organizationId: scope.organizationId !== undefined ? scope.organizationId : (site?.organizationId ?? null),
    siteId: scope.siteId !== undefined ? scope.siteId : (site?.id ?? null),
    actor: caller.label,
    actorUserId: caller.kind === 'member' ? caller.userId : null,
    action: event.action,
    target: event.target ?? null,
    before: event.before ?? null,
    after: event.after ?? null,
  });
}
