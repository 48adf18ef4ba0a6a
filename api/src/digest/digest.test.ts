import { randomUUID } from 'node:crypto';
import { type ScoresAnswer, scoresAnswerSchema } from '@tenpoint/shared';
import { bandOf } from '@tenpoint/shared/scores';
import { and, eq } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleRequest, ownerWithSite } from '../../test/console-session.ts';
import { startSmtpCatcher } from '../../test/smtp-catcher.ts';
import { expectError, expectStatus, getWithKey, startTestApp, type TestApp } from '../../test/test-app.ts';
import { accounts, consoleUsers, followUps, impressions, members, responses, surveys } from '../db/schema/index.ts';
import { createMailer } from '../email/mailer.ts';
import { digestTurn } from './send-digests.ts';

let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
let testApp: TestApp;
let clock = new Date('2026-11-30T09:00:00Z');
beforeAll(async () => {
  smtp = await startSmtpCatcher();
  testApp = await startTestApp({ smtpUrl: smtp.url, now: () => clock });
});
afterAll(async () => {
  await testApp.close();
  await smtp.close();
});

const week = { from: '2026-11-23T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z' };
const dayMs = 86_400_000;

/** A week of answers (this week better than the last), comments, accounts and impressions on a site of its own. */
async function seededOrganization() {
  const setup = await ownerWithSite(testApp, ['https://app.example.test'], { mail: smtp });
  const siteId = setup.site.id;
  const [survey] = await testApp.db
    .select()
    .from(surveys)
    .where(and(eq(surveys.siteId, siteId), eq(surveys.isDefault, true)));
  await testApp.db.insert(accounts).values({ siteId, accountId: 'acme', name: 'Acme <BV>', traits: {} });
  const rows: (typeof responses.$inferInsert)[] = [];
  const respond = (score: number, at: number, extra: Partial<typeof responses.$inferInsert> = {}) => {
    const id = randomUUID();
    rows.push({
      siteId,
      id,
      surveyId: survey!.id,
      userId: `u_${randomUUID()}`,
      accountId: 'acme',
      score,
      band: bandOf('nps', score),
      createdAt: new Date(at),
      ...extra,
    });
    return id;
  };
  const thisWeek = Date.parse(week.from);
  const lastWeek = thisWeek - 7 * dayMs;
  // Last week: 20 detractors, 20 promoters (NPS 0); this week: 5 detractors, 35 promoters.
  for (let i = 0; i < 40; i++) respond(i < 20 ? 2 : 10, lastWeek + i * 3_600_000);
  for (let i = 0; i < 40; i++) respond(i < 5 ? 3 : 9, thisWeek + i * 3_600_000);
  respond(1, thisWeek + 50 * 3_600_000, { comment: 'Invoices fail <script>alert("x")</script> every single time I export them' });
  respond(10, thisWeek + 51 * 3_600_000, { comment: 'Lovely & fast' });
  const closed = respond(0, thisWeek + 52 * 3_600_000, { comment: 'meh' });
  // Test mode counts nowhere.
  respond(0, thisWeek + 53 * 3_600_000, { test: true, comment: 'a test answer' });
  await testApp.db.insert(responses).values(rows);
  await testApp.db.insert(followUps).values({ siteId, responseId: closed, state: 'closed' });
  await testApp.db.insert(impressions).values(
    Array.from({ length: 86 }, (_, i) => ({
      id: randomUUID(),
      siteId,
      surveyId: survey!.id,
      userId: `u_shown_${i}`,
      shownAt: new Date(thisWeek + i * 3_600_000),
    })),
  );
  // Two more members: one who wants the digest, one who does not.
  const people = await testApp.db
    .insert(consoleUsers)
    .values([
      { name: 'Sub', email: `sub-${randomUUID().slice(0, 8)}@acme.test` },
      { name: 'Off', email: `off-${randomUUID().slice(0, 8)}@acme.test` },
    ])
    .returning();
  await testApp.db
    .insert(members)
    .values(people.map((person) => ({ organizationId: setup.organization.id, userId: person.id, role: 'viewer' })));
  return { ...setup, subscriber: people[0]!.email, unsubscribed: people[1]!.email };
}

const setDigest = (jar: Awaited<ReturnType<typeof ownerWithSite>>['owner']['jar'], organizationId: string, digest: string) =>
  consoleRequest(testApp, jar, 'PATCH', `/v1/organizations/${organizationId}/me/notifications`, { digest });

const digestsTo = (to: string) => smtp.to(to).filter((mail) => mail.subject?.startsWith('Your week in Tenpoint'));
const header = (mail: ParsedMail, name: string) =>
  mail.headerLines
    .find((line) => line.key === name)
    ?.line.slice(name.length + 1)
    .trim();
const turn = () =>
  digestTurn({
    db: testApp.db,
    mailer: createMailer({ smtpUrl: smtp.url, from: 'Tenpoint <no-reply@tenpoint.test>', db: testApp.db }),
    publicUrl: testApp.publicUrl,
    now: () => clock,
  })();

describe('the weekly digest', () => {
  let setup: Awaited<ReturnType<typeof seededOrganization>>;
  beforeAll(async () => {
    setup = await seededOrganization();
  }, 60_000);

  it('is off until the member turns it on in the console, and each member sets their own', async () => {
    const path = `/v1/organizations/${setup.organization.id}/me/notifications`;
    expect(await expectStatus(await consoleRequest(testApp, setup.owner.jar, 'GET', path), 200)).toEqual({ digest: 'off' });
    expect(await expectStatus(await setDigest(setup.owner.jar, setup.organization.id, 'weekly'), 200)).toEqual({ digest: 'weekly' });
    expect(await expectStatus(await consoleRequest(testApp, setup.owner.jar, 'GET', path), 200)).toEqual({ digest: 'weekly' });
    await expectError(await setDigest(setup.owner.jar, setup.organization.id, 'daily'), 400, 'invalid_request');
    await expectError(await getWithKey(testApp, path, setup.secretKey), 401, 'unauthorized');
  });

  it('goes out on Monday after 08:00 UTC, once, with the figures GET /v1/scores answers for the week', async () => {
    clock = new Date('2026-11-30T07:59:00Z');
    await turn();
    expect(digestsTo(setup.owner.email)).toEqual([]);
    clock = new Date('2026-11-30T09:00:00Z');
    await turn();
    await turn();
    const [mail, ...more] = digestsTo(setup.owner.email);
    expect(more).toEqual([]);
    expect(digestsTo(setup.unsubscribed)).toEqual([]);
    const scores = scoresAnswerSchema.parse(
      await expectStatus(
        await getWithKey(testApp, `/v1/scores?from=${encodeURIComponent(week.from)}&to=${encodeURIComponent(week.to)}`, setup.secretKey),
        200,
      ),
    ) as ScoresAnswer & { nps: number; responseRate: number; change: { words: string } };
    expect(scores.change?.words).toMatch(/^up .*more than chance$/);
    const rate = `${Math.round(scores.responseRate * 1000) / 10}%`;
    for (const part of [mail!.text!, mail!.html as string]) {
      expect(part).toContain(`NPS ${scores.nps}`);
      expect(part).toContain(scores.change.words);
      expect(part).toContain(`${scores.responses} responses`);
      expect(part).toContain(rate);
      // 27 low scores that count (20 last week, 7 this week), one of them closed.
      expect(part).toContain('26 open detractors');
      expect(part).toContain('Acme');
      expect(part).not.toContain('a test answer');
    }
    expect(mail!.text).toContain('<script>alert("x")</script>');
    expect(mail!.html).not.toContain('<script>alert');
    expect(mail!.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(mail!.html).toContain('Acme &lt;BV&gt;');
    expect(header(mail!, 'list-unsubscribe')).toMatch(/^<http:\/\/127\.0\.0\.1:8787\/v1\/digest\/unsubscribe\?token=[^>]+>$/);
    expect(header(mail!, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  });

  it('is sent once a week by two workers at once', async () => {
    clock = new Date('2026-12-07T08:30:00Z');
    const before = digestsTo(setup.owner.email).length;
    await Promise.all([turn(), turn(), turn()]);
    expect(digestsTo(setup.owner.email).length).toBe(before + 1);
  });

  it('stops with one click from its List-Unsubscribe header, and refuses a forged token', async () => {
    const mail = digestsTo(setup.owner.email).at(-1)!;
    const url = new URL(header(mail, 'list-unsubscribe')!.slice(1, -1));
    const token = url.searchParams.get('token')!;
    const memberId = token.split('.')[0]!;
    for (const forged of [`${memberId}.${'A'.repeat(43)}`, 'nonsense', `${randomUUID()}.${token.split('.')[1]}`, `${token}x`]) {
      await expectError(await testApp.app.request(`/v1/digest/unsubscribe?token=${encodeURIComponent(forged)}`), 400, 'invalid_request');
    }
    // A mail scanner that opens the link changes nothing: the page asks for the one click.
    const path = `/v1/organizations/${setup.organization.id}/me/notifications`;
    const opened = await testApp.app.request(`${url.pathname}${url.search}`);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toMatch(/<form method="post"[^>]*>[\s\S]*<button[^>]*>Unsubscribe<\/button>/);
    expect(await expectStatus(await consoleRequest(testApp, setup.owner.jar, 'GET', path), 200)).toEqual({ digest: 'weekly' });
    const oneClick = await testApp.app.request(`${url.pathname}${url.search}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status, await oneClick.clone().text()).toBe(200);
    expect(await oneClick.text()).toContain(`/app/#/organizations/${setup.organization.id}/notifications`);
    expect(await expectStatus(await consoleRequest(testApp, setup.owner.jar, 'GET', path), 200)).toEqual({ digest: 'off' });
    clock = new Date('2026-12-14T09:00:00Z');
    const before = digestsTo(setup.owner.email).length;
    await turn();
    expect(digestsTo(setup.owner.email).length).toBe(before);
  });

  it('previews the last 7 days as HTML for the console', async () => {
    clock = new Date('2026-11-30T00:00:00Z');
    const preview = await consoleRequest(testApp, setup.owner.jar, 'GET', `/v1/organizations/${setup.organization.id}/me/digest-preview`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toContain('text/html');
    const html = await preview.text();
    expect(html).toContain('NPS');
    expect(html).not.toContain('<script>alert');
  });
});
