import { z } from '@hono/zod-openapi';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';
import { ApiError } from '../../errors.ts';

// How a vendor call names one user: by id in the path, or in the query by id or email.

const idWords = 'must be the id of a user, from 1 to 200 characters, as in ?userId=u_42';
export const userIdSchema = z.string({ error: idWords }).min(1, idWords).max(200, idWords);

/** `?userId=`: for the ids a path cannot carry (`.` and `..` are resolved away by every HTTP client before the request leaves). */
export const userIdInQuery = z.object({
  userId: userIdSchema.meta({
    description: 'Your id of the user; this form reaches every id, `.` and `..` too, which HTTP clients resolve away in a path.',
    examples: ['u_42'],
  }),
});

const emailWords = 'must be an email address, from 3 to 320 characters, as in ?email=ann%40acme.io';
const email = z
  .string({ error: emailWords })
  .trim()
  .min(3, emailWords)
  .max(320, emailWords)
  .meta({
    description: 'Instead of `userId`: the user whose email this is, whatever its case (the most recently seen, if several have it).',
    examples: ['ann@acme.io'],
  });

/** `?userId=` or `?email=`, exactly one of the two. */
export const userIdOrEmailInQuery = z
  .object({ userId: userIdInQuery.shape.userId.optional(), email: email.optional() })
  .superRefine((query, context) => {
    if ((query.userId === undefined) === (query.email === undefined))
      context.addIssue({ code: 'custom', path: ['userId'], message: 'name the user by ?userId= or by ?email=, one of the two' });
  });

/** The user the query names; by email, the most recently seen of those who have it, whatever its case. */
export async function userIdOfQuery(db: Database, siteId: string, query: z.infer<typeof userIdOrEmailInQuery>): Promise<string> {
  if (query.userId !== undefined) return query.userId;
  const [found] = await db
    .select({ userId: users.userId })
    .from(users)
    .where(and(eq(users.siteId, siteId), sql`lower(${users.email}) = lower(${query.email!})`))
    .orderBy(desc(users.lastSeenAt))
    .limit(1);
  if (!found) throw new ApiError('not_found', `email: no user with ${query.email} on this site`);
  return found.userId;
}
