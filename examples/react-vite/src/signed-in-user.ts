import type { TenpointUser } from '@tenpoint/widget';

/** A stand-in for your sign-in: `?user=u_123` signs u_123 in, so that a test can pick its user. */
export function signedInUser(): TenpointUser | null {
  const userId = new URLSearchParams(window.location.search).get('user');
  return userId ? { userId, email: `${userId}@example.com`, traits: { plan: 'pro' } } : null;
}
