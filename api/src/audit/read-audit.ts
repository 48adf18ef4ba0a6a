import type { AuditEventAnswer } from '@tenpoint/shared';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { auditEvents } from '../db/schema/index.ts';
import { ApiError } from '../errors.ts';

const pageSize = 100;

const encodeCursor = (event: { at: Date; id: string }) => Buffer.from(`${event.at.toISOString()}|${event.id}`).toString('base64url');

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const when = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(when.getTime()))
    throw new ApiError('invalid_request', 'cursor: must be the nextCursor of an earlier page');
  return { at: when, id };
}

/** A page of the audit log, newest first, of an organization or of one site. */
export async function readAudit(
  db: Database,
  scope: { organizationId: string } | { siteId: string },
  cursor: string | undefined,
): Promise<{ data: AuditEventAnswer[]; nextCursor: string | null }> {
  const conditions: SQL[] = [
    'organizationId' in scope ? eq(auditEvents.organizationId, scope.organizationId) : eq(auditEvents.siteId, scope.siteId),
  ];
  if (cursor) {
    const after = decodeCursor(cursor);
    conditions.push(or(lt(auditEvents.at, after.at), and(eq(auditEvents.at, after.at), lt(auditEvents.id, after.id)))!);
  }
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(pageSize + 1);
  const page = rows.slice(0, pageSize);
  return {
    data: page.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actor: row.actor,
      action: row.action,
      target: row.target,
      siteId: row.siteId,
      before: row.before ?? null,
      after: row.after ?? null,
    })),
    nextCursor: rows.length > pageSize ? encodeCursor(page.at(-1)!) : null,
  };
}
