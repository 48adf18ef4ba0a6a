import { randomUUID } from 'node:crypto';
import { type AlertRuleAnswer, alertRuleListSchema, alertRuleSchema, memberSchema } from '@tenpoint/shared';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CookieJar, consoleRequest, joinAs, ownerWithSite } from '../../test/console-session.ts';
import { startSmtpCatcher } from '../../test/smtp-catcher.ts';
import { aUser, expectError, expectStatus, postJson, startTestApp, type TestApp } from '../../test/test-app.ts';
import { answeringWith, webhookReceivers } from '../../test/webhook-receivers.ts';
import { emailOutbox } from '../db/schema/index.ts';
import { createMailer } from '../email/mailer.ts';
import { createLogger } from '../observability/logger.ts';
import { type AlertWorkerOptions, startAlertWorker } from './alert-worker.ts';

let testApp: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
beforeAll(async () => {
  smtp = await startSmtpCatcher();
  testApp = await startTestApp({ allowPrivateWebhooks: true });
});
afterAll(async () => {
  await testApp.close();
  await smtp.close();
});

const receivers = webhookReceivers();
const workers: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  await receivers.closeAll();
});

/** A clock a test moves by hand. */
const testClock = (start = new Date()) => {
  let at = start.getTime();
  return { now: () => new Date(at), move: (ms: number) => (at += ms) };
};

/** A worker sending through the test's SMTP server, or with `mail: 'outbox'` keeping email as a laptop without SMTP_URL does. */
function worker(now: () => Date = () => new Date(), options: Partial<AlertWorkerOptions> = {}, mail: 'smtp' | 'outbox' = 'smtp') {
  const mailer = createMailer({ smtpUrl: mail === 'smtp' ? smtp.url : undefined, from: 'Tenpoint <alerts@tenpoint.test>', db: testApp.db });
  const started = startAlertWorker(
    { db: testApp.db, now, logger: createLogger('silent'), mailer },
    { allowPrivateAddresses: true, publicUrl: 'http://127.0.0.1:8787', pollMs: 60_000, retryBaseMs: 10, ...options },
  );
  workers.push(started);
  return started;
}

interface Team {
  owner: CookieJar;
  viewer: CookieJar;
  siteId: string;
  siteKey: string;
  organizationId: string;
  members: Array<{ id: string; email: string; role: string }>;
}

async function team(): Promise<Team> {
  const setup = await ownerWithSite(testApp);
  const admin = await joinAs(testApp, setup.owner.jar, setup.organization.id, 'admin');
  const viewer = await joinAs(testApp, setup.owner.jar, setup.organization.id, 'viewer');
  const listed = await consoleRequest(testApp, setup.owner.jar, 'GET', `/v1/organizations/${setup.organization.id}/members`);
  const members = memberSchema.array().parse(((await listed.json()) as { data: unknown }).data);
  expect(admin.email).toBeTruthy();
  return {
    owner: setup.owner.jar,
    viewer: viewer.jar,
    siteId: setup.site.id,
    siteKey: setup.site.siteKey,
    organizationId: setup.organization.id,
    members,
  };
}

const asMember = (t: Team, jar: CookieJar, method: string, path: string, body?: unknown) =>
  consoleRequest(testApp, jar, method, path, body, { 'Tenpoint-Site': t.siteId });

async function makeRule(t: Team, body: Record<string, unknown>, jar = t.owner): Promise<AlertRuleAnswer> {
  return alertRuleSchema.parse(await expectStatus(await asMember(t, jar, 'POST', '/v1/alert-rules', body), 201));
}

async function answer(t: Team, score: number, plan: string, extra: Record<string, unknown> = {}) {
  const body = {
    siteKey: t.siteKey,
    id: randomUUID(),
    user: { ...aUser(), account: { id: `acct-${plan}`, name: 'Acme Corp', traits: { plan, seats: 40 } } },
    score,
    ...extra,
  };
  await expectStatus(await postJson(testApp, '/v1/responses', body), 201);
  return body;
}

const emailsTo = (address: string) => smtp.to(address);

describe('alert rules', () => {
  it('detractors with a comment from enterprise accounts: one email to each named member and one chat message, nothing else', async () => {
    const t = await team();
    const chat = await receivers.receiver();
    const [first, second] = t.members.filter((member) => member.role !== 'viewer');
    await makeRule(t, {
      name: 'Enterprise detractors',
      scope: 'team',
      conditions: { categories: ['detractor'], withComment: true, accountTraits: [{ trait: 'plan', op: 'equals', value: 'enterprise' }] },
      destination: { kind: 'email', memberIds: [first!.id, second!.id] },
    });
    await makeRule(t, {
      name: 'Enterprise detractors to chat',
      scope: 'team',
      conditions: { categories: ['detractor'], withComment: true, accountTraits: [{ trait: 'plan', op: 'in', value: ['enterprise'] }] },
      destination: { kind: 'chat', url: chat.url },
    });
    const sent = await answer(t, 3, 'enterprise', { comment: 'Exports keep failing <b>every</b> night' });
    await answer(t, 10, 'enterprise', { comment: 'Love it' });
    await answer(t, 2, 'starter', { comment: 'Too dear' });
    const alerts = worker();
    await alerts.runOnce();
    for (const member of [first!, second!]) {
      const mails = emailsTo(member.email);
      expect(mails, member.email).toHaveLength(1);
      expect(mails[0]!.subject).toBe('Detractor (3) from Acme Corp: “Exports keep failing <b>every</b> night”');
      expect(mails[0]!.text).toContain('Exports keep failing <b>every</b> night');
      expect(mails[0]!.text).toContain('plan: enterprise');
      expect(mails[0]!.text).toContain(`#/sites/${t.siteId}/inbox?response=${sent.id}`);
      expect(mails[0]!.html).not.toContain('<b>every</b>');
    }
    expect(chat.arrivals).toHaveLength(1);
    const message = JSON.parse(chat.arrivals[0]!.body) as { text: string };
    expect(message.text).toContain('Exports keep failing &lt;b&gt;every&lt;/b&gt; night');
    // Nothing more on a second turn: each rule alerts a response once.
    await alerts.runOnce();
    expect(emailsTo(first!.email)).toHaveLength(1);
    expect(chat.arrivals).toHaveLength(1);
  });

  it('an alert kept in the outbox (no SMTP server) about one user is erased with them', async () => {
    const t = await team();
    const [owner] = t.members.filter((member) => member.role === 'owner');
    await makeRule(t, {
      name: 'Every detractor',
      scope: 'team',
      conditions: { categories: ['detractor'] },
      destination: { kind: 'email', memberIds: [owner!.id] },
    });
    const sent = await answer(t, 1, 'pro', { comment: 'Call me on 555-0199' });
    await worker(undefined, {}, 'outbox').runOnce();
    const kept = () => testApp.db.select().from(emailOutbox).where(eq(emailOutbox.to, owner!.email));
    expect((await kept()).map((mail) => mail.text).join()).toContain('555-0199');
    const key = await expectStatus(await asMember(t, t.owner, 'POST', '/v1/keys', { name: 'eraser', access: 'full' }), 201);
    const erased = await testApp.app.request(`/v1/users/${sent.user.userId}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${(key as { secretKey: string }).secretKey}` },
    });
    expect(erased.status, await erased.clone().text()).toBe(200);
    expect((await kept()).map((mail) => mail.text).join()).not.toContain('555-0199');
  });

  it('a score without its comment alerts a withComment rule only when the comment arrives', async () => {
    const t = await team();
    const chat = await receivers.receiver();
    await makeRule(t, {
      name: 'Commented detractors',
      scope: 'team',
      conditions: { categories: ['detractor'], withComment: true },
      destination: { kind: 'chat', url: chat.url },
    });
    const sent = await answer(t, 1, 'enterprise');
    const alerts = worker();
    await alerts.runOnce();
    expect(chat.arrivals).toHaveLength(0);
    await expectStatus(await postJson(testApp, '/v1/responses', { ...sent, comment: 'Nothing loads' }), 200);
    await alerts.runOnce();
    expect(chat.arrivals).toHaveLength(1);
    expect(chat.arrivals[0]!.body).toContain('Nothing loads');
  });

  it('an hourly rule gathers three matches into one message at the top of the hour', async () => {
    const t = await team();
    const chat = await receivers.receiver();
    const clock = testClock(new Date('2026-03-02T10:15:00Z'));
    await makeRule(t, {
      name: 'Hourly detractors',
      scope: 'team',
      frequency: 'hourly',
      conditions: { categories: ['detractor'] },
      destination: { kind: 'chat', url: chat.url },
    });
    for (const comment of ['one', 'two', 'three']) await answer(t, 4, 'pro', { comment });
    const alerts = worker(clock.now);
    await alerts.runOnce();
    expect(chat.arrivals).toHaveLength(0);
    clock.move(46 * 60 * 1000);
    await alerts.runOnce();
    expect(chat.arrivals).toHaveLength(1);
    const { text } = JSON.parse(chat.arrivals[0]!.body) as { text: string };
    expect(text).toContain('3 responses');
    for (const comment of ['one', 'two', 'three']) expect(text).toContain(comment);
  });

  it('two workers at once still send each alert once', async () => {
    const t = await team();
    const chat = await receivers.receiver();
    await makeRule(t, { name: 'All', scope: 'team', destination: { kind: 'chat', url: chat.url } });
    for (let i = 0; i < 6; i++) await answer(t, i, 'pro', { comment: `c${i}` });
    const [a, b] = [worker(), worker()];
    await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
    await Promise.all([a.runOnce(), b.runOnce()]);
    expect(chat.arrivals).toHaveLength(6);
  });

  it('a chat URL answering 4xx again and again marks the match failed, with the reason in the rule list', async () => {
    const t = await team();
    const chat = await receivers.receiver(answeringWith([404, 404, 404, 404]));
    const rule = await makeRule(t, { name: 'Broken', scope: 'team', destination: { kind: 'chat', url: chat.url } });
    await answer(t, 0, 'pro');
    const alerts = worker();
    for (let i = 0; i < 5; i++) {
      await alerts.runOnce();
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    expect(chat.arrivals.length).toBe(3);
    const list = alertRuleListSchema.parse(await expectStatus(await asMember(t, t.owner, 'GET', '/v1/alert-rules'), 200));
    expect(list.data.find((r) => r.id === rule.id)).toMatchObject({ lastError: expect.stringContaining('404'), pending: 0 });
  });

  it('a member rule emails its maker only; others do not see it; a viewer may make one but not a team rule', async () => {
    const t = await team();
    const viewer = t.members.find((member) => member.role === 'viewer')!;
    const mine = await makeRule(t, { name: 'My promoters', conditions: { categories: ['promoter'] } }, t.viewer);
    expect(mine).toMatchObject({ scope: 'member', destination: { kind: 'email', memberIds: [viewer.id] } });
    await expectError(
      await asMember(t, t.viewer, 'POST', '/v1/alert-rules', {
        name: 'x',
        scope: 'team',
        destination: { kind: 'email', memberIds: [viewer.id] },
      }),
      403,
      'forbidden',
    );
    const ownersList = alertRuleListSchema.parse(await expectStatus(await asMember(t, t.owner, 'GET', '/v1/alert-rules'), 200));
    expect(ownersList.data.map((rule) => rule.id)).not.toContain(mine.id);
    await expectError(await asMember(t, t.owner, 'DELETE', `/v1/alert-rules/${mine.id}`), 404, 'not_found');
    await answer(t, 10, 'pro', { comment: 'Great' });
    await worker().runOnce();
    expect(emailsTo(viewer.email)).toHaveLength(1);
    expect(emailsTo(viewer.email)[0]!.subject).toMatch(/^Promoter \(10\) from Acme Corp/);
    const paused = alertRuleSchema.parse(
      await expectStatus(await asMember(t, t.viewer, 'PATCH', `/v1/alert-rules/${mine.id}`, { paused: true }), 200),
    );
    expect(paused.paused).toBe(true);
    // The app under test keeps its email in the outbox: the sample lands there.
    const tested = await expectStatus(await asMember(t, t.viewer, 'POST', `/v1/alert-rules/${mine.id}/test`), 200);
    expect(tested).toEqual({ sent: true, to: [viewer.email], error: null });
    const kept = await testApp.db.select().from(emailOutbox).where(eq(emailOutbox.to, viewer.email));
    expect(kept.map((mail) => mail.subject)).toContain(
      'Detractor (3) from Acme Corp (test): “This is a test alert from Tenpoint: exports keep failing.”',
    );
    await expectStatus(await asMember(t, t.viewer, 'DELETE', `/v1/alert-rules/${mine.id}`), 204);
  });

  it('refuses hostile input with a 400 naming the field', async () => {
    const t = await team();
    const other = await team();
    const bad = async (body: unknown, field: string) =>
      expect(await expectError(await asMember(t, t.owner, 'POST', '/v1/alert-rules', body), 400, 'invalid_request')).toContain(field);
    await bad({ name: 'x', scope: 'team', destination: { kind: 'email', memberIds: [other.members[0]!.id] } }, 'destination.memberIds');
    await bad({ name: 'x', scope: 'team', destination: { kind: 'chat', url: 'ftp://hooks.example' } }, 'destination.url');
    await bad({ name: 'a\u0000b' }, 'name');
    await bad({ name: 'x'.repeat(101) }, 'name');
    await bad({ name: 'x', conditions: { surveyIds: [randomUUID()] } }, 'conditions.surveyIds');
    await bad({ name: 'x', conditions: { accountTraits: [{ trait: 'seats', op: 'gte', value: 'ten' }] } }, 'conditions.accountTraits');
    await bad({ name: 'x', conditions: { nope: 1 } }, 'conditions');
    await bad({ name: 'x', conditions: { accountTraits: [{ trait: 'plan', op: 'in', value: [] }] } }, 'must name at least one value');
    const huge = await asMember(t, t.owner, 'POST', '/v1/alert-rules', { name: 'x', pad: 'y'.repeat(100_000) });
    expect(huge.status).toBe(413);
    const rule = await makeRule(t, { name: 'Mine' });
    await expectError(await asMember(other, other.owner, 'PATCH', `/v1/alert-rules/${rule.id}`, { paused: true }), 404, 'not_found');
  });

  it('refuses a private chat URL unless private webhooks are allowed', async () => {
    const strict = await startTestApp({ allowPrivateWebhooks: false });
    try {
      const setup = await ownerWithSite(strict);
      const response = await consoleRequest(
        strict,
        setup.owner.jar,
        'POST',
        '/v1/alert-rules',
        { name: 'x', scope: 'team', destination: { kind: 'chat', url: 'https://127.0.0.1/hook' } },
        { 'Tenpoint-Site': setup.site.id },
      );
      expect(await expectError(response, 400, 'invalid_request')).toContain('destination.url');
    } finally {
      await strict.close();
    }
  });
});
