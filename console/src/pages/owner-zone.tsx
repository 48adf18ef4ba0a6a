import type { MemberAnswer } from '@tenpoint/shared';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { navigate } from '../router.ts';
import { useSession } from '../session.ts';
import { useWorkspace } from '../shell/workspace.ts';
import { ConfirmByName } from '../ui/confirm-name.tsx';
import { FormProblem, Submit, useAction } from '../ui/form.tsx';

/** What only the owner may do: hand the organization over, or delete it. */
export function OwnerZone({ members, onChanged }: { members: MemberAnswer[]; onChanged: () => void }) {
  const { organization } = useWorkspace();
  const { refresh } = useSession();
  const others = members.filter((member) => member.role !== 'owner');
  const [to, setTo] = useState('');
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const chosen = others.find((member) => member.id === to);
  return (
    <section class="card danger-zone" aria-labelledby="owner-title">
      <h2 id="owner-title">Owner</h2>
      <h3>Transfer ownership</h3>
      {others.length === 0 ? (
        <p>Invite someone first: ownership goes to another member.</p>
      ) : (
        <form
          class="stack"
          onSubmit={(event) => {
            event.preventDefault();
            if (!chosen) return;
            if (!confirming) {
              setConfirming(true);
              return;
            }
            void action.run(async () => {
              await api.post(`/v1/organizations/${organization.id}/transfer`, { memberId: chosen.id });
              setConfirming(false);
              await refresh();
              onChanged();
            });
          }}
        >
          <label for="transfer-to">New owner</label>
          <select
            id="transfer-to"
            value={to}
            onChange={(event) => {
              setTo(event.currentTarget.value);
              setConfirming(false);
            }}
          >
            <option value="">Choose a member</option>
            {others.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name} ({member.email})
              </option>
            ))}
          </select>
          {confirming && chosen && (
            <p role="alert">{chosen.name} becomes the owner and you become an admin. Press the button again to confirm.</p>
          )}
          <FormProblem action={action} />
          <div>
            <Submit busy={action.busy || !chosen} class={confirming ? 'danger' : ''}>
              {confirming ? `Make ${chosen?.name} the owner` : 'Transfer ownership'}
            </Submit>
          </div>
        </form>
      )}
      <h3>Delete the organization</h3>
      <p>Every site of {organization.name}, with all its responses, goes with it, for good.</p>
      <ConfirmByName
        id="delete-organization"
        name={organization.name}
        what="the organization"
        button="Delete the organization"
        onConfirm={async (typed) => {
          await api.delete(`/v1/organizations/${organization.id}`, { confirm: typed });
          await refresh();
          navigate('/', true);
        }}
      />
    </section>
  );
}
