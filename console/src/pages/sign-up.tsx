import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { href, navigate } from '../router.ts';
import { Field, FormProblem, Submit, useAction } from '../ui/form.tsx';
import { AuthLayout } from './auth-layout.tsx';

export function SignUp({ query }: { query: URLSearchParams }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState(query.get('email') ?? '');
  const [password, setPassword] = useState('');
  const action = useAction();
  const next = query.get('next');
  return (
    <AuthLayout title="Make a Tenpoint account">
      <form
        class="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(async () => {
            const answer = await api.post<{ message: string }>('/v1/sign-up', { name: name.trim(), email: email.trim(), password });
            const params = new URLSearchParams({ message: answer.message, ...(next ? { next } : {}) });
            navigate(`/check-email?${params}`);
          });
        }}
      >
        <Field id="name" label="Your name" autocomplete="name" value={name} onInput={setName} error={action.fieldError('name')} required />
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
        <Field
          id="password"
          label="Password"
          type="password"
          autocomplete="new-password"
          hint="At least 10 characters."
          minLength={10}
          value={password}
          onInput={setPassword}
          error={action.fieldError('password')}
          required
        />
        <FormProblem action={action} fields={['name', 'email', 'password']} />
        <Submit busy={action.busy}>Make my account</Submit>
      </form>
      <p>
        Have an account already? <a href={href(`/sign-in${email ? `?email=${encodeURIComponent(email)}` : ''}`)}>Sign in</a>
      </p>
    </AuthLayout>
  );
}

export function CheckEmail({ query }: { query: URLSearchParams }) {
  return (
    <AuthLayout title="Check your email">
      <p role="status">{query.get('message') ?? 'We sent you a link. Follow it to go on.'}</p>
      <p class="hint">The link works for a day. No email? Look in your spam folder, or sign in: we send the link again.</p>
      <p>
        <a href={href('/sign-in')}>Back to sign in</a>
      </p>
    </AuthLayout>
  );
}
