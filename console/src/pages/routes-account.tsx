import { useEffect } from 'preact/hooks';
import { match, navigate } from '../router.ts';
import { AuthLayout } from './auth-layout.tsx';
import { Invitation } from './invitation.tsx';
import { ForgotPassword, ResetPassword } from './password-reset.tsx';
import { SignIn } from './sign-in.tsx';
import { CheckEmail, SignUp } from './sign-up.tsx';
import { TokenSignIn } from './token-sign-in.tsx';

/** Goes to `to` in place of this address. */
export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, true), [to]);
  return null;
}

export function Loading({ problem }: { problem?: string | undefined }) {
  return (
    <AuthLayout title={problem ? 'The console could not start' : 'Tenpoint'}>
      {problem ? (
        <>
          <p role="alert">{problem}</p>
          <button type="button" onClick={() => location.reload()}>
            Try again
          </button>
        </>
      ) : (
        <p role="status">Loading…</p>
      )}
    </AuthLayout>
  );
}

interface AccountRoute {
  path: string;
  query: URLSearchParams;
  signedIn: boolean;
  /** Whether the console knows yet who is signed in. */
  known: boolean;
}

/** The pages before the app, or null when `path` is none of them (or one for the signed-out only, and someone is signed in). */
export function AccountPage({ path, query, signedIn, known }: AccountRoute) {
  if (path === '/verify-email' || path === '/sign-in-link') return <TokenSignIn kind={path.slice(1) as 'verify-email'} query={query} />;
  if (path === '/reset-password') return <ResetPassword query={query} />;
  if (path === '/check-email') return <CheckEmail query={query} />;
  if (!known) return null;
  const invitation = match('/invitation/:id', path);
  if (invitation) return <Invitation id={invitation.id!} query={query} />;
  if (signedIn) return null;
  if (path === '/sign-in') return <SignIn query={query} />;
  if (path === '/sign-up') return <SignUp query={query} />;
  if (path === '/forgot-password') return <ForgotPassword query={query} />;
  return null;
}
