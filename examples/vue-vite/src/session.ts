import type { TenpointUser } from '@tenpoint/widget';
import { identify, reset } from '@tenpoint/widget/vue';
import { ref } from 'vue';

/** A stand-in for your sign-in: `?user=u_123` signs u_123 in, so that a test can pick its user. */
function userFromAddress(): TenpointUser | null {
  const userId = new URLSearchParams(window.location.search).get('user');
  return userId ? { userId, email: `${userId}@example.com`, traits: { plan: 'pro' } } : null;
}

export const signedInUser = ref<TenpointUser | null>(userFromAddress());

/** Call from your sign-in code; the next navigation asks whether to show a survey. */
export function signIn(user: TenpointUser) {
  signedInUser.value = user;
  identify(user);
}

/** Forgets the user and removes a survey that is up. */
export function signOut() {
  signedInUser.value = null;
  reset();
}
