import type { Traits } from '@tenpoint/shared';

/** A user as stored after a widget call: what the rules and the answers read back. */
export interface KnownUser {
  accountId: string | null;
  email: string | null;
  signedUpAt: Date | null;
  traits: Traits;
  accountTraits: Traits;
}
