import { createHmac, timingSafeEqual } from 'node:crypto';
import { instanceSecret } from '../auth/instance-secret.ts';
import type { Database } from '../db/client.ts';
import { isUuid } from '../input/ids.ts';

const purpose = 'digest-unsubscribe';

const signature = (secret: string, memberId: string) => createHmac('sha256', secret).update(`${purpose}:${memberId}`).digest('base64url');

/** The key that signs unsubscribe links: this instance's own, alike in every process. */
export const unsubscribeSecret = (db: Database) => instanceSecret(db, 'digest-unsubscribe');

/** A token that lets whoever holds the digest's link turn that member's digest off, and nothing else. */
export const unsubscribeToken = (secret: string, memberId: string) => `${memberId}.${signature(secret, memberId)}`;

/** The member a token was made for, or undefined when it was not made with this instance's key. */
export function memberOfToken(secret: string, token: string): string | undefined {
  const [memberId, given, ...rest] = token.split('.');
  if (!memberId || !given || rest.length > 0 || !isUuid(memberId)) return undefined;
  const expected = Buffer.from(signature(secret, memberId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? memberId : undefined;
}
