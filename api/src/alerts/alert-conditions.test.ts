import { randomUUID } from 'node:crypto';
import { alertRuleSchema } from '@tenpoint/shared';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { aUser, expectError, expectStatus, newTestSite, postJson, sendWithKey, startTestApp, type TestApp } from '../../test/test-app.ts';
import { webhookReceivers } from '../../test/webhook-receivers.ts';
import { alertCandidates, sites } from '../db/schema/index.ts';
import { createMailer } from '../email/mailer.ts';
import { createLogger } from '../observability/logger.ts';
import { createSiteKey } from '../sites/site-keys.ts';
import { startAlertWorker } from './alert-worker.ts';
import { type AlertFacts, meetsConditions, scoreDrop } from './match-rule.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({ allowPrivateWebhooks: true });
});
afterAll(() => testApp.close());
const receivers = webhookReceivers();
afterEach(() => receivers.closeAll());

const worker = () =>
  startAlertWorker(
    {
      db: testApp.db,
      now: () => new Date(),
      logger: createLogger('silent'),
      mailer: createMailer({ smtpUrl: undefined, from: 'a@b.c', db: testApp.db }),
    },
    { allowPrivateAddresses: true, publicUrl: 'http://127.0.0.1:8787', pollMs: 60_000 },
  );

const facts = (over: Partial<AlertFacts> = {}): AlertFacts => ({
  id: randomUUID(),
  surveyId: randomUUID(),
  surveyType: 'nps',
  score: 3,
  band: 'low',
  comment: null,
  accountId: 'acme',
  accountTraits: { plan: 'enterprise', seats: 40, trial: false },
  ...over,
});

describe('matching a response', () => {
  it('reads categories for every survey type, comments, and trait conditions as text or numbers', () => {
    expect(meetsConditions({ categories: ['detractor'] }, facts())).toBe(true);
    expect(meetsConditions({ categories: ['low'] }, facts({ surveyType: 'csat', score: 1 }))).toBe(true);
    expect(meetsConditions({ categories: ['promoter'] }, facts())).toBe(false);
    expect(meetsConditions({ withComment: true }, facts({ comment: '   ' }))).toBe(false);
    expect(meetsConditions({ withComment: false }, facts())).toBe(true);
    const traits = (accountTraits: NonNullable<Parameters<typeof meetsConditions>[0]['accountTraits']>) =>
      meetsConditions({ accountTraits }, facts());
    expect(traits([{ trait: 'seats', op: 'gte', value: 40 }])).toBe(true);
    expect(traits([{ trait: 'seats', op: 'lte', value: 39 }])).toBe(false);
    expect(traits([{ trait: 'plan', op: 'in', value: ['pro', 'enterprise'] }])).toBe(true);
    expect(traits([{ trait: 'trial', op: 'equals', value: false }])).toBe(true);
    expect(traits([{ trait: 'toString', op: 'equals', value: 'x' }])).toBe(false);
    expect(traits([{ trait: 'plan', op: 'gte', value: 1 }])).toBe(false);
  });

  it('measures an account score drop with and without the response, given enough responses', () => {
    // Four promoters: NPS 100; a detractor makes it 60: a drop of 40.
    expect(scoreDrop('nps', [9, 10, 9, 10], 2, 5)).toBe(40);
    expect(scoreDrop('nps', [9, 10, 9], 2, 5)).toBeNull();
    expect(scoreDrop('nps', [], 2, 2)).toBeNull();
  });
});

describe('alert rules over HTTP and the queue', () => {
  it('queues nothing for a site without rules, nor for test-mode responses', async () => {
    const site = await newTestSite(testApp);
    await expectStatus(await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id: randomUUID(), user: aUser(), score: 1 }), 201);
    expect(await testApp.db.select().from(alertCandidates).where(eq(alertCandidates.siteId, site.siteId))).toEqual([]);
    const chat = await receivers.receiver();
    await expectStatus(
      await sendWithKey(testApp, 'POST', '/v1/alert-rules', site.secretKey, {
        name: 'All',
        scope: 'team',
        destination: { kind: 'chat', url: chat.url },
      }),
      201,
    );
    await testApp.db.update(sites).set({ testMode: true }).where(eq(sites.id, site.siteId));
    const body = { siteKey: site.siteKey, id: randomUUID(), user: aUser(), score: 1, test: true };
    await expectStatus(await postJson(testApp, '/v1/responses', body), 201);
    expect(await testApp.db.select().from(alertCandidates).where(eq(alertCandidates.siteId, site.siteId))).toEqual([]);
    const alerts = worker();
    await alerts.runOnce();
    await alerts.stop();
    expect(chat.arrivals).toHaveLength(0);
  });

  it('alerts when an answer drops its account’s score enough, and not for one that does not', async () => {
    const site = await newTestSite(testApp);
    const chat = await receivers.receiver();
    await expectStatus(
      await sendWithKey(testApp, 'POST', '/v1/alert-rules', site.secretKey, {
        name: 'Falling accounts',
        scope: 'team',
        conditions: { accountScoreDrop: { points: 30, minResponses: 5 } },
        destination: { kind: 'chat', url: chat.url },
      }),
      201,
    );
    const answer = (score: number, comment: string) =>
      postJson(testApp, '/v1/responses', {
        siteKey: site.siteKey,
        id: randomUUID(),
        user: { ...aUser(), account: { id: 'globex' } },
        score,
        comment,
      });
    for (const score of [9, 10, 9, 10]) await expectStatus(await answer(score, `fine ${score}`), 201);
    await expectStatus(await answer(1, 'It broke'), 201);
    const alerts = worker();
    await alerts.runOnce();
    await alerts.stop();
    expect(chat.arrivals.map((arrival) => JSON.parse(arrival.body).text as string)).toEqual([expect.stringContaining('It broke')]);
  });

  it('full keys make team rules, not member ones; read-only keys only list', async () => {
    const site = await newTestSite(testApp);
    const chat = await receivers.receiver();
    const rule = { name: 'Keyed', scope: 'team', destination: { kind: 'chat', url: chat.url } };
    alertRuleSchema.parse(await expectStatus(await sendWithKey(testApp, 'POST', '/v1/alert-rules', site.secretKey, rule), 201));
    await expectError(await sendWithKey(testApp, 'POST', '/v1/alert-rules', site.secretKey, { name: 'Mine' }), 400, 'invalid_request');
    const { secretKey } = await createSiteKey(testApp.db, { siteId: site.siteId, name: 'reader', access: 'read', createdBy: null });
    await expectError(await sendWithKey(testApp, 'POST', '/v1/alert-rules', secretKey, rule), 403, 'forbidden');
    // A site of no organization yet (made on the command line) has no members to email.
    const noMembers = { name: 'x', scope: 'team', destination: { kind: 'email', memberIds: [randomUUID()] } };
    expect(
      await expectError(await sendWithKey(testApp, 'POST', '/v1/alert-rules', site.secretKey, noMembers), 400, 'invalid_request'),
    ).toContain('destination.memberIds');
    const listed = (await expectStatus(await sendWithKey(testApp, 'GET', '/v1/alert-rules', secretKey), 200)) as { data: unknown[] };
    expect(listed.data).toHaveLength(1);
  });
});
