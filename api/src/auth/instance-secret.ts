import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { instanceSecrets } from '../db/schema/index.ts';

/**
 * The key that signs session cookies: `TENPOINT_AUTH_SECRET` when set, else one made at the first
 * start and kept in the database, so every process and every restart signs alike.
 */
export async function cookieSecret(db: Database, fromEnvironment: string | undefined): Promise<string> {
  return fromEnvironment ?? instanceSecret(db, 'cookie-signing');
}

/** A random key of this instance under `name`, made the first time it is asked for and kept: alike in every process. */
export async function instanceSecret(db: Database, name: string): Promise<string> {
  await db
    .insert(instanceSecrets)
    .values({ name, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select().from(instanceSecrets).where(eq(instanceSecrets.name, name));
  return row!.value;
}
