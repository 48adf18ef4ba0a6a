import type { OrganizationAnswer } from '@tenpoint/shared';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { href, navigate } from '../router.ts';
import { useSession } from '../session.ts';
import { Field, FormProblem, Submit, useAction } from '../ui/form.tsx';
import { AuthLayout } from './auth-layout.tsx';
import { SignOutButton } from './sign-out.tsx';

/** A signed-in user without an organization makes one and becomes its owner. */
export function NameOrganization() {
  const { me, refresh } = useSession();
  const [name, setName] = useState('');
  const action = useAction();
  return (
    <AuthLayout title="Name your organization">
      <p>Your team's sites, members and keys belong to an organization. You can invite the others next.</p>
      <form
        class="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(async () => {
            const made = await api.post<OrganizationAnswer>('/v1/organizations', { name: name.trim() });
            await refresh();
            navigate(`/organizations/${made.id}/sites`, true);
          });
        }}
      >
        <Field
          id="organization-name"
          label="Organization name"
          autocomplete="organization"
          hint="Your company or team, e.g. Acme."
          value={name}
          onInput={setName}
          error={action.fieldError('name')}
          required
        />
        <FormProblem action={action} fields={['name']} />
        <Submit busy={action.busy}>Make the organization</Submit>
      </form>
      {me && me.organizations.length > 0 && (
        <p>
          <a href={href('/')}>Back to the console</a>
        </p>
      )}
      <p class="hint">
        Signed in as {me?.user.email}. Invited to an organization? Open the link in the invitation email instead. <SignOutButton />
      </p>
    </AuthLayout>
  );
}
