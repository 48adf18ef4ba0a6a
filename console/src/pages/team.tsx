import { invitableRoles, type MemberAnswer } from '@tenpoint/shared';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { can } from '../roles.ts';
import { navigate } from '../router.ts';
import { useSession } from '../session.ts';
import { useWorkspace } from '../shell/workspace.ts';
import type { List } from '../types.ts';
import { useAction } from '../ui/form.tsx';
import { PageTitle } from '../ui/page-title.tsx';
import { useLoad } from '../use-load.ts';
import { OwnerZone } from './owner-zone.tsx';
import { Invitations } from './team-invitations.tsx';

/** The organization's members and their roles, invitations, and the owner's own powers. */
export function Team() {
  const { organization, role } = useWorkspace();
  const [count, setCount] = useState(0);
  const members = useLoad(() => api.get<List<MemberAnswer>>(`/v1/organizations/${organization.id}/members`), [organization.id, count]);
  const reload = () => setCount((value) => value + 1);
  return (
    <>
      <PageTitle title={`Team · ${organization.name}`}>Team</PageTitle>
      <section class="card" aria-labelledby="members-title">
        <h2 id="members-title">Members</h2>
        <p class="hint">
          A viewer reads; an analyst also exports; an admin also changes settings, keys and members; the owner also deletes the
          organization.
        </p>
        {members.error && <p role="alert">{members.error}</p>}
        {!members.data ? (
          !members.error && <p role="status">Loading members…</p>
        ) : (
          <ul class="rows" aria-label="Members">
            {members.data.data.map((member) => (
              <MemberRow key={member.id} member={member} manage={can.manage(role)} onChanged={reload} />
            ))}
          </ul>
        )}
      </section>
      <Invitations />
      {can.own(role) && members.data && <OwnerZone members={members.data.data} onChanged={reload} />}
    </>
  );
}

function MemberRow({ member, manage, onChanged }: { member: MemberAnswer; manage: boolean; onChanged: () => void }) {
  const { organization } = useWorkspace();
  const { me, refresh } = useSession();
  const [removing, setRemoving] = useState(false);
  const action = useAction();
  const path = `/v1/organizations/${organization.id}/members/${member.id}`;
  const you = member.userId === me?.user.id;
  const editable = manage && member.role !== 'owner' && !you;
  const selectId = `role-${member.id}`;
  return (
    <li class="member-row">
      <div>
        <strong>{member.name}</strong> {you && <span class="badge">you</span>}
        <p class="hint">{member.email}</p>
      </div>
      {editable ? (
        <div class="actions">
          <label for={selectId} class="visually-hidden">
            Role of {member.name}
          </label>
          <select
            id={selectId}
            value={member.role}
            disabled={action.busy}
            onChange={(event) => {
              const next = event.currentTarget.value;
              void action.run(async () => {
                await api.patch(path, { role: next });
                onChanged();
              });
            }}
          >
            {invitableRoles.map((each) => (
              <option key={each} value={each}>
                {each}
              </option>
            ))}
          </select>
          {removing ? (
            <>
              <button
                type="button"
                class="danger"
                onClick={() =>
                  void action.run(async () => {
                    await api.delete(path);
                    onChanged();
                  })
                }
              >
                Remove {member.name}
              </button>
              <button type="button" class="quiet" onClick={() => setRemoving(false)}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" class="quiet danger-text" aria-label={`Remove ${member.name}`} onClick={() => setRemoving(true)}>
              Remove
            </button>
          )}
        </div>
      ) : (
        <span class="badge">{member.role}</span>
      )}
      {you && member.role !== 'owner' && (
        <div class="actions">
          {removing ? (
            <>
              <button
                type="button"
                class="danger"
                onClick={() =>
                  void action.run(async () => {
                    await api.delete(path);
                    await refresh();
                    navigate('/', true);
                  })
                }
              >
                Leave {organization.name} for good
              </button>
              <button type="button" class="quiet" onClick={() => setRemoving(false)}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" class="quiet" onClick={() => setRemoving(true)}>
              Leave {organization.name}
            </button>
          )}
        </div>
      )}
      {action.problem && (
        <p class="problem" role="alert">
          {action.problem}
        </p>
      )}
    </li>
  );
}
