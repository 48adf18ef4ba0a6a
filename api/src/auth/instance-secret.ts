import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { instanceSecrets } from '../db/schema/index.ts';

/**
 * The key that signs session cookies: `TENPOINT_AUTH_SECRET` when set, else one made at the first
 * start and kept in the database, so every process and every restart signs alike.
 */
export async function cookieSecret(db: Database, fromEnvironment: string | undefined): Promise<string> {
  if (fromEnvironment) return fromEnvironment;
  await db
    .insert(instanceSecrets)
    .values({ name: 'cookie-signing', value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select().from(instanceSecrets).where(eq(instanceSecrets.name, 'cookie-signing'));
  return row!.value;
}
