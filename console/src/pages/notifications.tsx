import type { NotificationSettings } from '@tenpoint/shared';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { useWorkspace } from '../shell/workspace.ts';
import { PageTitle } from '../ui/page-title.tsx';
import { useLoad } from '../use-load.ts';

/** A member's own notifications in this organization: the weekly digest, and where alert rules live. */
export function Notifications() {
  const { organization } = useWorkspace();
  const path = `/v1/organizations/${organization.id}/me/notifications`;
  const loaded = useLoad(() => api.get<NotificationSettings>(path), [path]);
  const [saved, setSaved] = useState<NotificationSettings | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [preview, setPreview] = useState<{ html?: string; error?: string } | undefined>();
  const settings = saved ?? loaded.data;
  const title = <PageTitle title={`Your notifications · ${organization.name}`}>Your notifications</PageTitle>;
  if (!settings)
    return (
      <>
        {title}
        {loaded.error ? <p role="alert">{loaded.error}</p> : <p role="status">Loading your notifications…</p>}
      </>
    );
  const choose = async (digest: NotificationSettings['digest']) => {
    setProblem(undefined);
    try {
      setSaved(await api.patch<NotificationSettings>(path, { digest }));
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  const showPreview = async () => {
    setPreview({});
    const answer = await fetch(`/v1/organizations/${organization.id}/me/digest-preview`, { credentials: 'same-origin' }).catch(
      () => undefined,
    );
    if (!answer?.ok) setPreview({ error: 'The preview could not be made; try again.' });
    else setPreview({ html: await answer.text() });
  };
  return (
    <>
      {title}
      <p>These are yours alone: each member of {organization.name} chooses their own.</p>
      <div class="card">
        <label>
          <input
            type="checkbox"
            checked={settings.digest === 'weekly'}
            onChange={(event) => choose(event.currentTarget.checked ? 'weekly' : 'off')}
          />{' '}
          Weekly digest by email
        </label>
        <p class="hint">
          Every Monday from 08:00 UTC, for the week just ended: each site’s score and how it moved, responses and response rate, open
          detractors, comments worth reading, and the accounts whose score moved most. Every digest has a one-click unsubscribe link.
        </p>
        <p role="status">{settings.digest === 'weekly' ? 'The weekly digest is on.' : 'The weekly digest is off.'}</p>
        {problem && <p role="alert">{problem}</p>}
        <button type="button" onClick={showPreview}>
          Preview this week’s digest
        </button>
      </div>
      <p>Alert rules (a score that drops, a detractor who writes) are set per site, on each site’s Alerts page.</p>
      {preview?.error && <p role="alert">{preview.error}</p>}
      {preview && !preview.html && !preview.error && <p role="status">Making the preview…</p>}
      {preview?.html && (
        // No script runs in it and it reaches nothing of the console: the digest is shown as the mail client would.
        <iframe class="digest-preview" title="Digest preview" sandbox="" srcdoc={preview.html} />
      )}
    </>
  );
}
