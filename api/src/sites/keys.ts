import { createHash, randomBytes } from 'node:crypto';

const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomToken(length: number): string {
  const bytes = randomBytes(length);
  // 256 % 62 leaves a slight bias; at these lengths it costs well under a bit of entropy.
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}

export const newSiteKey = () => `pk_${randomToken(24)}`;
export const newSecretKey = () => `sk_${randomToken(40)}`;

/** Secret keys are long random tokens, so one round of SHA-256 is enough to store them. */
export const hashSecretKey = (secretKey: string) => createHash('sha256').update(secretKey).digest('hex');
