import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { declines, emailOutbox, impressions, responses, users } from '../db/schema/index.ts';
import { foldTallies } from '../scores/tally-folder.ts';
import { eraseDeliveriesAboutUser } from '../webhooks/deliveries-about-user.ts';

export interface Erased {
  responses: number;
  declines: number;
  impressions: number;
  user: number;
  webhookDeliveries: number;
}

/** Erases everything stored about one user of a site (GDPR article 17); how many rows of each went. */
export async function eraseUser(db: Database, siteId: string, userId: string): Promise<Erased> {
  // One transaction: the responses leave every score (the tallies follow by trigger) together with the user.
  const erased = await db.transaction(async (tx) => {
    const gone = async <T extends typeof responses | typeof declines | typeof impressions | typeof users>(table: T) =>
      (
        await tx
          .delete(table)
          .where(and(eq(table.siteId, siteId), eq(table.userId, userId)))
          .returning({ siteId: table.siteId })
      ).length;
    // Replies kept in the outbox (no SMTP server, or refused): their address and words are the user's. The
    // replies' thread goes with the responses.
    await tx.delete(emailOutbox).where(and(eq(emailOutbox.siteId, siteId), eq(emailOutbox.userId, userId)));
    const counts = {
      responses: await gone(responses),
      declines: await gone(declines),
      impressions: await gone(impressions),
      user: await gone(users),
    };
    // After the responses and declines: their triggers can no longer queue a delivery about the user.
    return { ...counts, webhookDeliveries: await eraseDeliveriesAboutUser(tx, siteId, userId) };
  });
  // The tally log holds the erased responses' traits until folded, and a segment left empty is removed
  // by the fold: done now rather than within the second.
  await foldTallies(db);
  return erased;
}
