import { randomUUID } from 'node:crypto';
import { type Database, schema } from '@tenpoint/api';
import { and, eq } from 'drizzle-orm';

const dayMs = 24 * 60 * 60 * 1000;

// Three people of the demo with a story the People page tells: one who answered ten days ago,
// one who closed the survey three days ago, one who signed up too recently to be asked.
const people = [
  { userId: 'u_ines', email: 'ines.vos@contoso.example', signedUpDaysAgo: 300, plan: 'team' },
  { userId: 'u_otto', email: 'otto.berg@contoso.example', signedUpDaysAgo: 200, plan: 'pro' },
  { userId: 'u_pia', email: 'pia.smit@contoso.example', signedUpDaysAgo: 5, plan: 'free' },
] as const;

export async function seedDemoPeople(db: Database, siteId: string, npsSurveyId: string, now: number) {
  const accountId = 'acct_1';
  const [account] = await db
    .select()
    .from(schema.accounts)
    .where(and(eq(schema.accounts.siteId, siteId), eq(schema.accounts.accountId, accountId)));
  const accountTraits = account?.traits ?? {};
  await db
    .insert(schema.users)
    .values(
      people.map((person) => ({
        siteId,
        userId: person.userId,
        email: person.email,
        accountId,
        traits: { plan: person.plan, role: 'admin' },
        locale: 'en',
        signedUpAt: new Date(now - person.signedUpDaysAgo * dayMs),
        firstSeenAt: new Date(now - person.signedUpDaysAgo * dayMs),
        lastSeenAt: new Date(now - 60_000),
      })),
    )
    .onConflictDoNothing();
  const shown = (userId: string, at: number) => ({
    siteId,
    surveyId: npsSurveyId,
    userId,
    accountId,
    id: randomUUID(),
    shownAt: new Date(at),
  });
  const answeredAt = new Date(now - 10 * dayMs);
  const closedAt = now - 3 * dayMs;
  await db.insert(schema.impressions).values([shown('u_ines', answeredAt.getTime() - 20_000), shown('u_otto', closedAt - 5_000)]);
  await db.insert(schema.responses).values({
    siteId,
    id: randomUUID(),
    surveyId: npsSurveyId,
    userId: 'u_ines',
    accountId,
    score: 9,
    band: 'high',
    comment: 'The new invoice templates saved me an afternoon.',
    locale: 'en',
    url: 'https://app.ledgerly.example/invoices/new',
    userTraits: { plan: 'team', role: 'admin' },
    accountTraits,
    createdAt: answeredAt,
    updatedAt: answeredAt,
  });
  await db.insert(schema.declines).values({
    siteId,
    id: randomUUID(),
    surveyId: npsSurveyId,
    userId: 'u_otto',
    accountId,
    locale: 'en',
    userTraits: { plan: 'pro', role: 'admin' },
    accountTraits,
    createdAt: new Date(closedAt),
  });
}
