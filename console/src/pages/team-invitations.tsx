import { type InvitationAnswer, invitableRoles } from '@tenpoint/shared';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { can } from '../roles.ts';
import { useWorkspace } from '../shell/workspace.ts';
import type { List } from '../types.ts';
import { Field, FormProblem, Submit, useAction } from '../ui/form.tsx';
import { useLoad } from '../use-load.ts';
import { when } from './when.ts';

/** Pending invitations and, for admins, a form to invite someone by email. */
export function Invitations() {
  const { organization, role } = useWorkspace();
  const [count, setCount] = useState(0);
  const base = `/v1/organizations/${organization.id}/invitations`;
  const invitations = useLoad(() => api.get<List<InvitationAnswer>>(base), [base, count]);
  const reload = () => setCount((value) => value + 1);
  const pending = (invitations.data?.data ?? []).filter((invitation) => invitation.status === 'pending');
  const manage = can.manage(role);
  const cancel = useAction();
  return (
    <section class="card" aria-labelledby="invitations-title">
      <h2 id="invitations-title">Invitations</h2>
      {manage && <InviteForm path={base} onInvited={reload} />}
      <h3>Pending</h3>
      {invitations.error && <p role="alert">{invitations.error}</p>}
      {!invitations.data ? (
        !invitations.error && <p role="status">Loading invitations…</p>
      ) : pending.length === 0 ? (
        <p>No invitation is waiting.</p>
      ) : (
        <ul class="rows" aria-label="Pending invitations">
          {pending.map((invitation) => (
            <li key={invitation.id}>
              <span>
                {invitation.email} <span class="badge">{invitation.role}</span>
                <span class="hint"> until {when(invitation.expiresAt)}</span>
              </span>
              {manage && (
                <button
                  type="button"
                  class="quiet"
                  aria-label={`Cancel the invitation of ${invitation.email}`}
                  disabled={cancel.busy}
                  onClick={() =>
                    void cancel.run(async () => {
                      await api.delete(`${base}/${invitation.id}`);
                      reload();
                    })
                  }
                >
                  Cancel
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormProblem action={cancel} />
    </section>
  );
}

function InviteForm({ path, onInvited }: { path: string; onInvited: () => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<(typeof invitableRoles)[number]>('viewer');
  const [sent, setSent] = useState<string>();
  const action = useAction();
  return (
    <form
      class="inline-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSent(undefined);
        void action.run(async () => {
          const invitation = await api.post<InvitationAnswer>(path, { email: email.trim(), role });
          setSent(`Invitation sent to ${invitation.email}.`);
          setEmail('');
          onInvited();
        });
      }}
    >
      <Field
        id="invite-email"
        label="Invite by email"
        type="email"
        autocomplete="off"
        value={email}
        onInput={setEmail}
        error={action.fieldError('email')}
      />
      <div class="form-field">
        <label for="invite-role">Role</label>
        <select id="invite-role" value={role} onChange={(event) => setRole(event.currentTarget.value as typeof role)}>
          {invitableRoles.map((each) => (
            <option key={each} value={each}>
              {each}
            </option>
          ))}
        </select>
      </div>
      <Submit busy={action.busy}>Invite</Submit>
      <FormProblem action={action} fields={['email']} />
      <p role="status" class="form-status">
        {sent ?? ''}
      </p>
    </form>
  );
}
