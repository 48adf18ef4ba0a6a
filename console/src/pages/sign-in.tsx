import type { MeAnswer } from '@tenpoint/shared';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { href, navigate } from '../router.ts';
import { useSession } from '../session.ts';
import { Field, FormProblem, Submit, useAction } from '../ui/form.tsx';
import { AuthLayout } from './auth-layout.tsx';

/** Where to go after signing in: the page asked for, if it is one of the console's. */
export const afterSignIn = (next: string | null) => (next?.startsWith('/') ? next : '/');

export function SignIn({ query }: { query: URLSearchParams }) {
  const { setMe } = useSession();
  const [email, setEmail] = useState(query.get('email') ?? '');
  const [password, setPassword] = useState('');
  const action = useAction();
  const next = query.get('next');
  const carry = new URLSearchParams({ ...(email ? { email } : {}), ...(next ? { next } : {}) }).toString();
  return (
    <AuthLayout title="Sign in to Tenpoint">
      {query.get('reset') === 'done' && <p role="status">Your password is changed: sign in with the new one.</p>}
      <form
        class="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(async () => {
            setMe(await api.post<MeAnswer>('/v1/session', { email: email.trim(), password }));
            navigate(afterSignIn(next), true);
          });
        }}
      >
        <Field
          id="email"
          label="Email"
          type="email"
          autocomplete="username"
          value={email}
          onInput={setEmail}
          error={action.fieldError('email')}
          required
        />
        <Field
          id="password"
          label="Password"
          type="password"
          autocomplete="current-password"
          value={password}
          onInput={setPassword}
          error={action.fieldError('password')}
          required
        />
        <FormProblem action={action} fields={['email', 'password']} />
        <Submit busy={action.busy}>Sign in</Submit>
      </form>
      <p>
        <a href={href(`/forgot-password${email ? `?email=${encodeURIComponent(email)}` : ''}`)}>Forgot your password?</a>
      </p>
      <p>
        New to Tenpoint? <a href={href(`/sign-up${carry ? `?${carry}` : ''}`)}>Make an account</a>
      </p>
    </AuthLayout>
  );
}
