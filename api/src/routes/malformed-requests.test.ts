import { randomUUID } from 'node:crypto';
import {
  declineRequestSchema,
  eligibilityRequestSchema,
  errorBodySchema,
  impressionRequestSchema,
  responseRequestSchema,
} from '@tenpoint/shared';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { everyFieldVariant, type Malformed, malformedVariant, seededRandom } from '../../test/malformed.ts';
import { expectStatus, newTestSite, postJson, startTestApp, type TestApp, testOrigin } from '../../test/test-app.ts';
import { accounts, declines, impressions, responses, sites, surveys, users } from '../db/schema/index.ts';

let testApp: TestApp;
let mine: Awaited<ReturnType<typeof newTestSite>>;
let theirs: Awaited<ReturnType<typeof newTestSite>>;
const theirOrigin = 'https://their-app.example.test';

beforeAll(async () => {
  testApp = await startTestApp();
  mine = await newTestSite(testApp);
  theirs = await newTestSite(testApp, [theirOrigin]);
  // Rows that the barrage must leave exactly as they are.
  for (const site of [mine, theirs]) {
    const user = { userId: 'u_seed', account: { id: 'acme', traits: { plan: 'pro' } }, traits: { role: 'admin' } };
    const origin = site === mine ? testOrigin : theirOrigin;
    await expectStatus(
      await postJson(
        testApp,
        '/v1/responses',
        { siteKey: site.siteKey, id: randomUUID(), user, score: 7, comment: 'ok' },
        { Origin: origin },
      ),
      201,
    );
    await expectStatus(await postJson(testApp, '/v1/declines', { siteKey: site.siteKey, user }, { Origin: origin }), 202);
    await expectStatus(await postJson(testApp, '/v1/eligibility', { siteKey: site.siteKey, user }, { Origin: origin }), 200);
  }
});
afterAll(() => testApp.close());

async function storedRows() {
  const of = async (siteId: string) => ({
    sites: await testApp.db.select().from(sites).where(eq(sites.id, siteId)),
    surveys: await testApp.db.select().from(surveys).where(eq(surveys.siteId, siteId)),
    users: await testApp.db.select().from(users).where(eq(users.siteId, siteId)).orderBy(asc(users.userId)),
    accounts: await testApp.db.select().from(accounts).where(eq(accounts.siteId, siteId)).orderBy(asc(accounts.accountId)),
    responses: await testApp.db.select().from(responses).where(eq(responses.siteId, siteId)).orderBy(asc(responses.id)),
    impressions: await testApp.db.select().from(impressions).where(eq(impressions.siteId, siteId)).orderBy(asc(impressions.id)),
    declines: await testApp.db.select().from(declines).where(eq(declines.siteId, siteId)).orderBy(asc(declines.id)),
  });
  return { mine: await of(mine.siteId), theirs: await of(theirs.siteId) };
}

const user = () => ({
  userId: 'u_fuzz',
  email: 'ann@acme.example',
  createdAt: '2025-01-31T10:00:00Z',
  account: { id: 'acme', name: 'Acme BV', traits: { plan: 'pro' } },
  traits: { role: 'admin', seats: 12 },
  locale: 'nl-BE',
});

const endpoints: Array<{ path: string; schema: z.ZodType; valid: () => Record<string, unknown>; paths: string[][] }> = [
  {
    path: '/v1/eligibility',
    schema: eligibilityRequestSchema,
    valid: () => ({ siteKey: mine.siteKey, user: user(), url: 'https://app.example.test/invoices', event: 'invoice_sent' }),
    paths: [
      ['siteKey'],
      ['user'],
      ['user', 'userId'],
      ['user', 'email'],
      ['user', 'createdAt'],
      ['user', 'traits'],
      ['user', 'traits', 'role'],
      ['user', 'account'],
      ['user', 'account', 'id'],
      ['user', 'locale'],
      ['user', 'userHash'],
      ['surveyId'],
      ['url'],
      ['event'],
      ['show'],
    ],
  },
  {
    path: '/v1/impressions',
    schema: impressionRequestSchema,
    valid: () => ({ siteKey: mine.siteKey, user: user() }),
    paths: [
      ['siteKey'],
      ['user'],
      ['user', 'userId'],
      ['user', 'createdAt'],
      ['user', 'traits'],
      ['user', 'account', 'id'],
      ['surveyId'],
      ['impressionId'],
    ],
  },
  {
    path: '/v1/responses',
    schema: responseRequestSchema,
    valid: () => ({
      siteKey: mine.siteKey,
      id: randomUUID(),
      user: user(),
      score: 9,
      comment: 'Quick to invoice',
      locale: 'nl',
      url: 'https://app.example.test/',
    }),
    paths: [
      ['siteKey'],
      ['id'],
      ['score'],
      ['comment'],
      ['locale'],
      ['url'],
      ['user'],
      ['user', 'userId'],
      ['user', 'email'],
      ['user', 'createdAt'],
      ['user', 'traits'],
      ['user', 'account'],
      ['surveyId'],
    ],
  },
  {
    path: '/v1/declines',
    schema: declineRequestSchema,
    valid: () => ({ siteKey: mine.siteKey, user: user() }),
    paths: [['siteKey'], ['user'], ['user', 'userId'], ['user', 'traits'], ['user', 'account', 'id'], ['surveyId'], ['impressionId']],
  },
];

/** Whether a variant would be a request the API should accept: those are not part of the barrage. */
function wouldBeAccepted(schema: z.ZodType, variant: Malformed): boolean {
  if (variant.origin || variant.contentType) return false;
  let body: unknown;
  try {
    // A byte order mark is dropped when the body is read, as browsers' decoders do.
    body = JSON.parse(variant.body.replace(/^\ufeff/, ''));
  } catch {
    return false;
  }
  const parsed = schema.safeParse(body);
  const unstorable = /\\u0000|\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i;
  if (!parsed.success || variant.body.length > 16 * 1024 || unstorable.test(variant.body)) return false;
  const { siteKey, surveyId } = parsed.data as { siteKey: string; surveyId?: string };
  return siteKey === mine.siteKey && (surveyId === undefined || surveyId === mine.surveyId);
}

const perEndpoint = 1000;

describe('malformed widget requests', () => {
  it.each(endpoints.map((endpoint, index) => [endpoint.path, endpoint, index] as const))(
    '%s answers every one of 1,000 malformed requests with a 4xx in the one error shape and changes nothing',
    async (_path, endpoint, index) => {
      const before = await storedRows();
      const random = seededRandom(20261123 + index);
      const systematic = everyFieldVariant(endpoint.valid(), endpoint.paths);
      const variants = systematic.filter((variant) => !wouldBeAccepted(endpoint.schema, variant));
      while (variants.length < perEndpoint) {
        const variant = malformedVariant(random, endpoint.valid(), endpoint.paths, {
          siteKey: theirs.siteKey,
          surveyId: theirs.surveyId,
          origin: theirOrigin,
        });
        if (!wouldBeAccepted(endpoint.schema, variant)) variants.push(variant);
      }
      const problems: string[] = [];
      for (let start = 0; start < variants.length; start += 25) {
        await Promise.all(
          variants.slice(start, start + 25).map(async (variant) => {
            const headers: Record<string, string> = {};
            if (variant.contentType) headers['Content-Type'] = variant.contentType;
            if (variant.origin) headers.Origin = variant.origin;
            const response = await postJson(testApp, endpoint.path, variant.body, headers);
            const text = await response.text();
            let shape: ReturnType<typeof errorBodySchema.safeParse> | undefined;
            try {
              shape = errorBodySchema.safeParse(JSON.parse(text));
            } catch {
              shape = undefined;
            }
            const fieldNamed = shape?.success && /^[\w.]+: \S/.test(shape.data.error.message);
            if (response.status < 400 || response.status > 499 || !shape?.success || !fieldNamed) {
              problems.push(`${variant.label} → ${response.status} ${text.slice(0, 160)}`);
            }
          }),
        );
      }
      expect(variants.length).toBeGreaterThanOrEqual(perEndpoint);
      expect(problems.slice(0, 10), `${problems.length} of ${variants.length} malformed requests were answered badly`).toEqual([]);
      expect(await storedRows()).toEqual(before);

      // What the schema lets through must still never break the API: a hole in the schema shows here.
      const passed = systematic.filter((variant) => wouldBeAccepted(endpoint.schema, variant));
      for (const variant of passed) {
        const response = await postJson(testApp, endpoint.path, variant.body);
        expect(response.status, `${variant.label}: ${await response.text()}`).toBeLessThan(500);
      }
    },
  );
});

describe('unknown keys in widget requests', () => {
  it.each(endpoints.map((endpoint) => [endpoint.path, endpoint] as const))(
    '%s refuses a key it does not know, at any depth, naming it, and stores nothing',
    async (_path, endpoint) => {
      const before = await storedRows();
      const misspelt: Array<[string, (body: Record<string, unknown>) => void]> = [
        ['coment', (body) => Object.assign(body, { coment: 'Too slow' })],
        ['user.trait', (body) => Object.assign(body.user as object, { trait: { plan: 'pro' } })],
        ['user.account.nme', (body) => Object.assign((body.user as { account: object }).account, { nme: 'Acme' })],
      ];
      for (const [field, misspell] of misspelt) {
        const body = endpoint.valid();
        misspell(body);
        const response = await postJson(testApp, endpoint.path, body);
        expect(response.status, field).toBe(400);
        const { error } = errorBodySchema.parse(await response.json());
        expect(error.message).toBe(`${field}: is not a known field; check its spelling`);
      }
      expect(await storedRows()).toEqual(before);
    },
  );
});
