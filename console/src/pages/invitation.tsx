import type { InvitationAnswer, MeAnswer } from '@tenpoint/shared';
import { useEffect } from 'preact/hooks';
import { api } from '../api.ts';
import { href, navigate } from '../router.ts';
import { useSession } from '../session.ts';
import { Submit, useAction } from '../ui/form.tsx';
import { useLoad } from '../use-load.ts';
import { AuthLayout } from './auth-layout.tsx';
import { SignOutButton } from './sign-out.tsx';

/** An invitation waiting while its invitee signs up or in: the email's confirmation link leads home, and home here. */
export const pendingInvitation = {
  key: 'tenpoint:invitation',
  get: () => localStorage.getItem(pendingInvitation.key),
  set: (id: string) => localStorage.setItem(pendingInvitation.key, id),
  clear: () => localStorage.removeItem(pendingInvitation.key),
};

export function Invitation({ id, query }: { id: string; query: URLSearchParams }) {
  const { me } = useSession();
  useEffect(() => pendingInvitation.set(id), [id]);
  if (!me) {
    const params = new URLSearchParams({ next: `/invitation/${id}`, ...(query.get('email') ? { email: query.get('email')! } : {}) });
    return (
      <AuthLayout title="You are invited to Tenpoint">
        <p>To join the organization, sign in with the address the invitation was sent to, or make an account with it first.</p>
        <p class="actions">
          <a class="button" href={href(`/sign-in?${params}`)}>
            Sign in
          </a>
          <a class="button quiet" href={href(`/sign-up?${params}`)}>
            Make an account
          </a>
        </p>
      </AuthLayout>
    );
  }
  return <AcceptInvitation id={id} email={me.user.email} />;
}

function AcceptInvitation({ id, email }: { id: string; email: string }) {
  const { setMe } = useSession();
  const invitation = useLoad(() => api.get<InvitationAnswer>(`/v1/invitations/${id}`), [id]);
  const action = useAction();
  const found = invitation.data;
  const usable = invitation.loading || found?.status === 'pending';
  // An invitation that cannot be accepted stops waiting, so that the console opens as usual.
  useEffect(() => {
    if (!usable) pendingInvitation.clear();
  }, [usable]);
  if (invitation.loading) return <AuthLayout title="Your invitation">{<p role="status">Loading the invitation…</p>}</AuthLayout>;
  if (found?.status !== 'pending') {
    return (
      <AuthLayout title="This invitation cannot be accepted">
        <p role="alert">{invitation.error ?? `This invitation was ${found?.status}.`}</p>
        <p>
          You are signed in as {email}. If the invitation went to another address, sign out and sign in with that one. <SignOutButton />
        </p>
        <p>
          <a href={href('/')}>Go to the console</a>
        </p>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={`Join ${found.organizationName}`}>
      <p>
        You are invited to join <strong>{found.organizationName}</strong> as <strong>{found.role}</strong> (sent to {found.email}).
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(async () => {
            setMe(await api.post<MeAnswer>(`/v1/invitations/${id}/accept`));
            pendingInvitation.clear();
            navigate(`/organizations/${found.organizationId}/sites`, true);
          });
        }}
      >
        {action.problem && (
          <p class="problem" role="alert">
            {action.problem}
          </p>
        )}
        <Submit busy={action.busy}>Accept the invitation</Submit>
      </form>
    </AuthLayout>
  );
}
