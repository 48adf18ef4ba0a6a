import type { MeAnswer } from '@tenpoint/shared';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { href, navigate } from '../router.ts';
import { useSession } from '../session.ts';
import { AuthLayout } from './auth-layout.tsx';
import { afterSignIn } from './sign-in.tsx';

const kinds = {
  'verify-email': { title: 'Confirming your email', endpoint: '/v1/email-verification', again: '/sign-up' },
  'sign-in-link': { title: 'Signing you in', endpoint: '/v1/sign-in-link', again: '/sign-in' },
} as const;

/** A link from an email or from `pnpm start`: its token, sent once, signs in. */
export function TokenSignIn({ kind, query }: { kind: keyof typeof kinds; query: URLSearchParams }) {
  const { setMe } = useSession();
  const { title, endpoint, again } = kinds[kind];
  const token = query.get('token') ?? '';
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    if (!token) {
      setProblem('This link has no token: open the whole link from the email.');
      return;
    }
    api.post<MeAnswer>(endpoint, { token }).then(
      (me) => {
        setMe(me);
        // The token leaves the address (and the history) once used.
        navigate(afterSignIn(query.get('next')), true);
      },
      (error: Error) => setProblem(error.message),
    );
  }, [token]);
  return (
    <AuthLayout title={problem ? 'This link did not work' : title}>
      {problem ? (
        <>
          <p role="alert">{problem}</p>
          <p>
            <a href={href(again)}>{again === '/sign-up' ? 'Sign up again' : 'Sign in'}</a>
          </p>
        </>
      ) : (
        <p role="status">One moment…</p>
      )}
    </AuthLayout>
  );
}
