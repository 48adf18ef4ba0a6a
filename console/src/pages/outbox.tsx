import { api } from '../api.ts';
import { can } from '../roles.ts';
import { useWorkspace } from '../shell/workspace.ts';
import type { OutboxAnswer } from '../types.ts';
import { PageTitle } from '../ui/page-title.tsx';
import { useLoad } from '../use-load.ts';
import { when } from './when.ts';

/** Text with its links made clickable; everything else stays characters, never markup. */
function Linked({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** With no SMTP server set, the emails the API would have sent (invitations, confirmations) are kept here for the owner. */
export function Outbox() {
  const { organization, role } = useWorkspace();
  const outbox = useLoad(() => api.get<OutboxAnswer>(`/v1/organizations/${organization.id}/outbox`), [organization.id]);
  const title = <PageTitle title={`Outbox · ${organization.name}`}>Outbox</PageTitle>;
  if (!can.own(role))
    return (
      <>
        {title}
        <p>Only the owner reads the outbox.</p>
      </>
    );
  if (!outbox.data)
    return (
      <>
        {title}
        {outbox.error ? <p role="alert">{outbox.error}</p> : <p role="status">Loading the outbox…</p>}
      </>
    );
  return (
    <>
      {title}
      {outbox.data.kind === 'smtp' ? (
        <p>Emails go out through your SMTP server. Those it did not take are kept here, with why: pass their links on yourself.</p>
      ) : (
        <p>No SMTP server is set, so the emails Tenpoint would send are kept here. Pass their links on yourself.</p>
      )}
      {outbox.data.data.length === 0 ? (
        <p>No email {outbox.data.kind === 'outbox' ? 'yet' : 'kept'}.</p>
      ) : (
        <ul class="emails" aria-label="Emails">
          {outbox.data.data.map((email) => (
            <li key={email.id} class="card">
              <h2>{email.subject}</h2>
              <p class="hint">
                To {email.to} · {when(email.createdAt)}
              </p>
              {email.sendError && <p class="send-error">Not sent: {email.sendError}</p>}
              <p class="email-text">
                <Linked text={email.text} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
