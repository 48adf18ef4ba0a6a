import { randomInt, randomUUID } from 'node:crypto';
import type { EligibilityRequest, ResponseRequest, UserInput } from '@tenpoint/shared';

const dayMs = 86_400_000;
const comments = [
  'Love it, the invoices export is exactly what we needed.',
  'Too slow when the list gets long.',
  'Fine, but I miss a dark mode.',
  'Support answered within the hour. Thanks!',
];

/** Users as a vendor would identify them: signed up 60 days ago, about a third with an account. */
export function userPool(size: number, now = Date.now()): UserInput[] {
  const createdAt = new Date(now - 60 * dayMs).toISOString();
  return Array.from({ length: size }, (_, i) => ({
    userId: `bench_u_${i}`,
    createdAt,
    traits: { plan: i % 4 === 0 ? 'pro' : 'free', seats: (i % 20) + 1 },
    ...(i % 3 === 0 ? { account: { id: `bench_a_${i % 500}`, name: `Account ${i % 500}` } } : {}),
  }));
}

const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)]!;

/** A fresh response (new UUID) from a random user; one in five with a comment. */
export function responseBody(siteKey: string, users: readonly UserInput[]): string {
  const body: ResponseRequest = {
    siteKey,
    id: randomUUID(),
    user: pick(users),
    score: randomInt(11),
    url: 'http://bench.local/app/invoices',
    ...(randomInt(5) === 0 ? { comment: pick(comments) } : {}),
  };
  return JSON.stringify(body);
}

export function eligibilityBody(siteKey: string, users: readonly UserInput[]): string {
  const body: EligibilityRequest = { siteKey, user: pick(users), url: 'http://bench.local/app/invoices' };
  return JSON.stringify(body);
}
