import type { AuditEventAnswer } from '@tenpoint/shared';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { can } from '../roles.ts';
import { useWorkspace } from '../shell/workspace.ts';
import { PageTitle } from '../ui/page-title.tsx';
import { when } from './when.ts';

interface Page {
  data: AuditEventAnswer[];
  nextCursor: string | null;
}

const show = (value: unknown): string => {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(show).join(', ') || '(none)';
  return JSON.stringify(value);
};

/** What changed between `before` and `after`, field by field: "testMode: false → true". */
export function changesOf(before: unknown, after: unknown): string[] {
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isObject(before) && !isObject(after)) return before === null && after === null ? [] : [`${show(before)} → ${show(after)}`];
  const old = isObject(before) ? before : {};
  const now = isObject(after) ? after : {};
  return [...new Set([...Object.keys(old), ...Object.keys(now)])]
    .filter((field) => JSON.stringify(old[field]) !== JSON.stringify(now[field]))
    .map((field) => `${field}: ${show(old[field])} → ${show(now[field])}`);
}

/** Who did what to the organization and its sites, newest first. */
export function AuditLog() {
  const { organization, role } = useWorkspace();
  if (!can.manage(role))
    return (
      <>
        <PageTitle title={`Audit log · ${organization.name}`}>Audit log</PageTitle>
        <p>Only admins and the owner read the audit log.</p>
      </>
    );
  return <Events />;
}

function Events() {
  const { organization, sites } = useWorkspace();
  const [events, setEvents] = useState<AuditEventAnswer[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'loaded' | string>('loading');
  const load = async (cursor?: string) => {
    setState('loading');
    try {
      const page = await api.get<Page>(`/v1/organizations/${organization.id}/audit-log`, { cursor });
      setEvents((earlier) => (cursor ? [...earlier, ...page.data] : page.data));
      setNext(page.nextCursor);
      setState('loaded');
    } catch (error) {
      setState((error as Error).message);
    }
  };
  useEffect(() => void load(), [organization.id]);
  const siteName = (id: string | null) => (id ? (sites.find((site) => site.id === id)?.name ?? 'a deleted site') : null);
  return (
    <>
      <PageTitle title={`Audit log · ${organization.name}`}>Audit log</PageTitle>
      <ol class="events" aria-label={`Changes to ${organization.name}, newest first`}>
        {events.map((event) => (
          <li key={event.id} class="event">
            <p class="event-head">
              <strong>{event.actor}</strong> <span class="mono">{event.action}</span>
              {event.target ? ` ${event.target}` : ''}
              {siteName(event.siteId) ? <span class="hint"> · {siteName(event.siteId)}</span> : null}
            </p>
            <p class="hint">
              <time dateTime={event.at}>{when(event.at)}</time>
            </p>
            <ul class="changes">
              {changesOf(event.before, event.after).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {state === 'loading' && <p role="status">Loading the log…</p>}
      {state === 'loaded' && events.length === 0 && <p>Nothing has changed yet.</p>}
      {state !== 'loading' && state !== 'loaded' && <p role="alert">{state}</p>}
      {next && state === 'loaded' && (
        <button type="button" class="quiet" onClick={() => void load(next)}>
          Show older
        </button>
      )}
    </>
  );
}
