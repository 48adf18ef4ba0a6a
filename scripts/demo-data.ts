import { randomUUID } from 'node:crypto';
import { type Database, foldTallies, schema } from '@tenpoint/api';
import { bandOf, type SurveyType } from '@tenpoint/shared';
import { and, count, eq } from 'drizzle-orm';
import { seedDemoPeople } from './demo-people.ts';

// Believable responses for the dashboard of a fresh demo: six months of an invoicing product's users,
// across accounts, plans, roles and languages, slowly getting happier. Deterministic, so that
// every fresh start looks the same.

const dayMs = 24 * 60 * 60 * 1000;

function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

const accountNames = [
  'Contoso',
  'Globex',
  'Initech',
  'Umbrella Care',
  'Hooli',
  'Stark Logistics',
  'Wayne Foods',
  'Wonka Sweets',
  'Cyberdyne',
  'Soylent',
  'Vandelay Import',
  'Pied Piper',
  'Oscorp',
  'Tyrell',
  'Gringotts',
  'Duff Brewing',
  'Bluth Homes',
  'Dunder Paper',
  'Monarch Travel',
  'Nakatomi',
  'Massive Dynamic',
  'Aperture Labs',
  'Black Mesa',
  'Prestige Worldwide',
  'Sterling Cooper',
  'Krusty Foods',
  'Los Pollos',
  'Gekko & Co',
  'Ollivanders',
  'Zorg Industries',
];

const comments: Record<'low' | 'middle' | 'high', Record<string, string[]>> = {
  low: {
    en: [
      'The invoice list gets slow with more than a few hundred invoices.',
      'Exporting to our accounting package failed twice this month.',
      'Too expensive for what we use.',
      'Support took three days to answer.',
      'I miss recurring invoices.',
    ],
    nl: ['De factuurlijst wordt traag bij veel facturen.', 'Koppeling met de boekhouding werkt niet goed.'],
    de: ['Der Export nach DATEV fehlt uns.', 'Zu langsam bei vielen Rechnungen.'],
    fr: ['Trop cher pour une petite équipe.'],
  },
  middle: {
    en: [
      'Does the job, but the reports could be clearer.',
      'Fine overall, would love a dark mode.',
      'Good, though reminders are hard to set up.',
      'Solid, the mobile app lags behind.',
    ],
    nl: ['Prima, maar de rapportages kunnen beter.'],
    de: ['Gut, aber die Mahnungen sind umständlich.'],
    es: ['Bien, pero falta la facturación recurrente.'],
  },
  high: {
    en: [
      'Sending invoices takes me two minutes now.',
      'Support answered within the hour. Thanks!',
      'The payment links got us paid twice as fast.',
      'Clean, quick and my accountant loves the exports.',
      'Best invoicing tool we have tried.',
    ],
    nl: ['Facturen versturen gaat razendsnel.', 'Super handig, onze boekhouder is blij.'],
    de: ['Spart uns jede Woche Stunden.'],
    fr: ['Simple et efficace, merci !'],
    ja: ['請求書の作成がとても簡単になりました。'],
  },
};

interface DemoUser {
  userId: string;
  email: string;
  accountId: string;
  locale: string;
  traits: { plan: string; role: string };
  accountTraits: { tier: string };
}

function demoUsers(rng: ReturnType<typeof random>): DemoUser[] {
  const accounts = accountNames.map((name, index) => ({
    id: `acct_${index + 1}`,
    name,
    tier: rng.pick(['smb', 'smb', 'mid', 'enterprise']),
  }));
  return Array.from({ length: 900 }, (_, index) => {
    const account = rng.pick(accounts);
    const first = rng.pick([
      'ann',
      'bas',
      'carla',
      'dirk',
      'eva',
      'femke',
      'gijs',
      'hana',
      'ines',
      'jon',
      'kim',
      'lars',
      'mia',
      'noor',
      'otto',
      'pia',
    ]);
    return {
      userId: `u_${1000 + index}`,
      email: `${first}.${index}@${account.name.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
      accountId: account.id,
      locale: rng.pick(['en', 'en', 'en', 'en', 'nl', 'nl', 'de', 'fr', 'es', 'ja']),
      traits: {
        plan: account.tier === 'enterprise' ? 'team' : rng.pick(['free', 'pro', 'pro', 'team']),
        role: rng.next() < 0.3 ? 'admin' : 'member',
      },
      accountTraits: { tier: account.tier },
    };
  });
}

/** A score that leans happier over time (NPS from about +10 to +40), and for bigger plans. */
function scoreFor(type: SurveyType, rng: ReturnType<typeof random>, progress: number, user: DemoUser): number {
  const lean = user.traits.plan === 'team' ? 0.06 : user.traits.plan === 'free' ? -0.06 : 0;
  const high = 0.38 + 0.17 * progress + lean;
  const low = 0.27 - 0.12 * progress - lean / 2;
  const draw = rng.next();
  const band = draw < low ? 'low' : draw < 1 - high ? 'middle' : 'high';
  const scores = {
    nps: { low: [0, 2, 3, 4, 5, 5, 6, 6, 6], middle: [7, 7, 8, 8, 8], high: [9, 9, 10] },
    csat: { low: [1, 2, 2], middle: [3], high: [4, 4, 5] },
    ces: { low: [1, 2, 3, 3], middle: [4, 5], high: [6, 6, 7] },
  }[type][band];
  return rng.pick(scores);
}

async function seedSurvey(
  db: Database,
  siteId: string,
  surveyId: string,
  type: SurveyType,
  responseCount: number,
  everyone: DemoUser[],
  rng: ReturnType<typeof random>,
  now: number,
) {
  const responses: Array<typeof schema.responses.$inferInsert> = [];
  const impressions: Array<typeof schema.impressions.$inferInsert> = [];
  const declines: Array<typeof schema.declines.$inferInsert> = [];
  for (let i = 0; i < responseCount; i++) {
    const user = rng.pick(everyone);
    const progress = i / responseCount;
    const at = new Date(now - (1 - progress) * 182 * dayMs - rng.int(dayMs) - 60_000);
    const score = scoreFor(type, rng, progress, user);
    const band = bandOf(type, score);
    const texts = comments[band][user.locale] ?? comments[band].en!;
    const comment = rng.next() < 0.45 ? rng.pick(texts) : null;
    responses.push({
      siteId,
      id: randomUUID(),
      surveyId,
      userId: user.userId,
      accountId: user.accountId,
      score,
      band,
      comment,
      locale: user.locale,
      url: 'https://app.ledgerly.example/invoices',
      userTraits: user.traits,
      accountTraits: user.accountTraits,
      createdAt: at,
      updatedAt: at,
    });
    // Not everyone shown responds: some ignore it (then respond when shown again), some close it.
    const ignoredFirst = rng.next() < 0.5;
    const shown = { siteId, surveyId, userId: user.userId, accountId: user.accountId };
    if (ignoredFirst) impressions.push({ ...shown, id: randomUUID(), shownAt: new Date(at.getTime() - (1 + rng.int(19)) * dayMs) });
    impressions.push({ ...shown, id: randomUUID(), shownAt: at, startsRound: !ignoredFirst });
    if (rng.next() < 0.15) {
      const closedAt = new Date(at.getTime() - (1 + rng.int(29)) * dayMs);
      impressions.push({ ...shown, id: randomUUID(), shownAt: new Date(closedAt.getTime() - 5_000) });
      declines.push({
        siteId,
        id: randomUUID(),
        surveyId,
        userId: user.userId,
        accountId: user.accountId,
        locale: user.locale,
        userTraits: user.traits,
        accountTraits: user.accountTraits,
        createdAt: closedAt,
      });
    }
    // And some never respond at all.
    if (rng.next() < 0.9) {
      const someone = rng.pick(everyone);
      impressions.push({
        siteId,
        surveyId,
        userId: someone.userId,
        accountId: someone.accountId,
        id: randomUUID(),
        shownAt: new Date(at.getTime() - rng.int(dayMs)),
      });
    }
  }
  for (let i = 0; i < responses.length; i += 500) await db.insert(schema.responses).values(responses.slice(i, i + 500));
  for (let i = 0; i < impressions.length; i += 500) await db.insert(schema.impressions).values(impressions.slice(i, i + 500));
  for (let i = 0; i < declines.length; i += 500) await db.insert(schema.declines).values(declines.slice(i, i + 500));
}

/** Fills a demo site that has no responses yet; answers whether it did. */
export async function seedDemoData(db: Database, siteId: string, defaultSurveyId: string, now = Date.now()): Promise<boolean> {
  const [stored] = await db.select({ responses: count() }).from(schema.responses).where(eq(schema.responses.siteId, siteId));
  if ((stored?.responses ?? 0) > 0) return false;
  const rng = random(42);
  const everyone = demoUsers(rng);
  const accountRows = [...new Map(everyone.map((user) => [user.accountId, user])).values()].map((user) => ({
    siteId,
    accountId: user.accountId,
    name: accountNames[Number(user.accountId.slice(5)) - 1]!,
    traits: user.accountTraits,
  }));
  await db.insert(schema.accounts).values(accountRows).onConflictDoNothing();
  await db
    .insert(schema.users)
    .values(
      everyone.map((user) => ({
        siteId,
        userId: user.userId,
        email: user.email,
        accountId: user.accountId,
        traits: user.traits,
        locale: user.locale,
        signedUpAt: new Date(now - 400 * dayMs),
      })),
    )
    .onConflictDoNothing();
  await seedSurvey(db, siteId, defaultSurveyId, 'nps', 3000, everyone, rng, now);
  for (const [type, name, productName, responseCount] of [
    ['csat', 'Support CSAT', 'our support', 400],
    ['ces', 'Onboarding effort', 'setting up Ledgerly', 300],
  ] as const) {
    const [existing] = await db
      .select()
      .from(schema.surveys)
      .where(and(eq(schema.surveys.siteId, siteId), eq(schema.surveys.name, name)));
    const surveyId = existing?.id ?? randomUUID();
    if (!existing) await db.insert(schema.surveys).values({ id: surveyId, siteId, type, name, productName });
    await seedSurvey(db, siteId, surveyId, type, responseCount, everyone, rng, now);
  }
  await seedDemoPeople(db, siteId, defaultSurveyId, now);
  await foldTallies(db);
  return true;
}
