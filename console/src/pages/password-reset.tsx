import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { href, navigate } from '../router.ts';
import { Field, FormProblem, Submit, useAction } from '../ui/form.tsx';
import { AuthLayout } from './auth-layout.tsx';

export function ForgotPassword({ query }: { query: URLSearchParams }) {
  const [email, setEmail] = useState(query.get('email') ?? '');
  const [sent, setSent] = useState<string>();
  const action = useAction();
  return (
    <AuthLayout title="Reset your password">
      {sent ? (
        <p role="status">{sent}</p>
      ) : (
        <form
          class="stack"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void action.run(async () =>
              setSent((await api.post<{ message: string }>('/v1/password-reset', { email: email.trim() })).message),
            );
          }}
        >
          <p>We will email you a link to choose a new password.</p>
          <Field
            id="email"
            label="Email"
            type="email"
            autocomplete="email"
            value={email}
            onInput={setEmail}
            error={action.fieldError('email')}
            required
          />
          <FormProblem action={action} fields={['email']} />
          <Submit busy={action.busy}>Email me a link</Submit>
        </form>
      )}
      <p>
        <a href={href('/sign-in')}>Back to sign in</a>
      </p>
    </AuthLayout>
  );
}

export function ResetPassword({ query }: { query: URLSearchParams }) {
  const token = query.get('token') ?? '';
  const [password, setPassword] = useState('');
  const action = useAction();
  return (
    <AuthLayout title="Choose a new password">
      <form
        class="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(async () => {
            await api.post('/v1/password-reset/confirm', { token, password });
            navigate('/sign-in?reset=done', true);
          });
        }}
      >
        <Field
          id="password"
          label="New password"
          type="password"
          autocomplete="new-password"
          hint="At least 10 characters. Every other session of your account ends."
          minLength={10}
          value={password}
          onInput={setPassword}
          error={action.fieldError('password')}
          required
        />
        <FormProblem action={action} fields={['password']} />
        {action.problem?.startsWith('token:') && (
          <p>
            <a href={href('/forgot-password')}>Ask for a new link</a>
          </p>
        )}
        <Submit busy={action.busy}>Save the new password</Submit>
      </form>
    </AuthLayout>
  );
}
