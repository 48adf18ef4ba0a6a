import { randomUUID } from 'node:crypto';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { followUpEntrySchema, meSchema } from '@tenpoint/shared';
import { bandOf } from '@tenpoint/shared/scores';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CookieJar, consoleRequest, ownerWithSite, signedUpMember } from '../../../test/console-session.ts';
import { startSmtpCatcher } from '../../../test/smtp-catcher.ts';
import { expectError, expectStatus, sendWithKey, startTestApp, type TestApp } from '../../../test/test-app.ts';
import {
  auditEvents,
  consoleUsers,
  emailOutbox,
  followUpEntries,
  followUps,
  members,
  responses,
  surveys,
  users,
} from '../../db/schema/index.ts';
import { createSiteKey } from '../../sites/site-keys.ts';

const now = new Date('2026-03-10T09:00:00Z');
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
let testApp: TestApp;
let team: Awaited<ReturnType<typeof ownerWithSite>>;
let surveyId: string;
beforeAll(async () => {
  smtp = await startSmtpCatcher({ refuses: (address) => address.startsWith('refused') });
  testApp = await startTestApp({ smtpUrl: smtp.url, now: () => now });
  team = await ownerWithSite(testApp, [], { mail: smtp });
  [{ id: surveyId }] = (await testApp.db.select({ id: surveys.id }).from(surveys).where(eq(surveys.siteId, team.site.id))) as [
    { id: string },
  ];
}, 60_000);
afterAll(async () => {
  await testApp.close();
  await smtp.close();
});

/** A user who answered, with their email known from identify (or not). */
async function respondent(
  options: { email?: string | null; score?: number; comment?: string | null; siteId?: string; survey?: string } = {},
) {
  const siteId = options.siteId ?? team.site.id;
  const userId = `u_${randomUUID().slice(0, 8)}`;
  const email = options.email === undefined ? `${userId}@customer.test` : options.email;
  await testApp.db.insert(users).values({ siteId, userId, email });
  const id = randomUUID();
  const score = options.score ?? 3;
  await testApp.db.insert(responses).values({
    siteId,
    id,
    surveyId: options.survey ?? surveyId,
    userId,
    score,
    band: bandOf('nps', score),
    comment: options.comment === undefined ? 'Exports keep timing out' : options.comment,
    createdAt: new Date('2026-03-02T15:00:00Z'),
  });
  return { id, userId, email: email ?? '' };
}

const reply = (jar: CookieJar, responseId: string, body: unknown, siteId = team.site.id) =>
  consoleRequest(testApp, jar, 'POST', `/v1/responses/${responseId}/replies`, body, { 'Tenpoint-Site': siteId });

const ownerMember = async () =>
  (
    await testApp.db
      .select({ id: members.id })
      .from(members)
      .innerJoin(consoleUsers, eq(consoleUsers.id, members.userId))
      .where(and(eq(members.organizationId, team.organization.id), eq(consoleUsers.email, team.owner.email)))
  )[0]!.id;

describe('POST /v1/responses/{id}/replies', () => {
  it('emails the respondent from "<member> at <site>", Reply-To the owner, quoting their own answer only, threaded as sent', async () => {
    const other = await respondent({ comment: 'SECRET of another customer' });
    const ann = await respondent({ score: 2, comment: 'Exports keep timing out <b>always</b>' });
    const answer = followUpEntrySchema.parse(
      await expectStatus(await reply(team.owner.jar, ann.id, { body: 'Sorry about that.\n\nIt is fixed in 4.2.' }), 201),
    );
    expect(answer).toMatchObject({
      kind: 'reply',
      sentTo: ann.email,
      delivery: 'sent',
      deliveryError: null,
      subject: 'About your feedback on Invoicing',
    });

    const [mail] = smtp.to(ann.email);
    expect(mail?.from?.value[0]).toEqual({ name: 'owner at Invoicing', address: 'no-reply@tenpoint.test' });
    expect(mail?.replyTo?.value[0]?.address).toBe(team.owner.email);
    expect(mail?.text).toContain('Sorry about that.');
    expect(mail?.text).toContain('owner at Invoicing writes to you because you answered our survey on 2 March 2026');
    expect(mail?.text).toContain('you gave us 2 out of 10');
    expect(mail?.text).toContain('Exports keep timing out <b>always</b>');
    expect(mail?.html).toContain('Exports keep timing out &lt;b&gt;always&lt;/b&gt;');
    for (const part of [mail?.text, mail?.html]) expect(part).not.toContain('SECRET');
    expect(smtp.to(other.email)).toEqual([]);

    const [entry] = await testApp.db.select().from(followUpEntries).where(eq(followUpEntries.responseId, ann.id));
    expect(entry).toMatchObject({
      kind: 'reply',
      deliveryStatus: 'sent',
      sentTo: ann.email,
      body: 'Sorry about that.\n\nIt is fixed in 4.2.',
    });
    const [followUp] = await testApp.db.select().from(followUps).where(eq(followUps.responseId, ann.id));
    expect(followUp).toMatchObject({ ownerMemberId: await ownerMember(), firstFollowUpAt: now, state: 'in_progress' });

    const [audit] = await testApp.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.siteId, team.site.id), eq(auditEvents.target, ann.id)));
    expect(audit?.action).toBe('response.replied');
    expect(JSON.stringify(audit)).not.toContain(ann.email);
    expect(JSON.stringify(audit)).not.toContain('Sorry');
  });

  it('records a reply the SMTP server refuses as failed, with the reason, and still answers 201', async () => {
    const refused = await respondent({ email: `refused-${randomUUID().slice(0, 6)}@customer.test` });
    const answer = followUpEntrySchema.parse(await expectStatus(await reply(team.owner.jar, refused.id, { body: 'Hello' }), 201));
    expect(answer.delivery).toBe('failed');
    expect(answer.deliveryError).toMatch(/550|mailbox/);
    const [entry] = await testApp.db.select().from(followUpEntries).where(eq(followUpEntries.responseId, refused.id));
    expect(entry).toMatchObject({ deliveryStatus: 'failed', deliveryError: answer.deliveryError });
  });

  it('never lets a subject or a body add a header', async () => {
    const ann = await respondent();
    const evil = `evil-${randomUUID().slice(0, 6)}@attacker.test`;
    const answer = followUpEntrySchema.parse(
      await expectStatus(
        await reply(team.owner.jar, ann.id, {
          subject: `Hello\r\nBcc: ${evil}\r\nX-Injected: yes`,
          body: `Hi\r\n.\r\nRCPT TO:<${evil}>\r\n\r\nBcc: ${evil}\n${'long line '.repeat(900)}`,
        }),
        201,
      ),
    );
    expect(answer.delivery).toBe('sent');
    const [mail] = smtp.to(ann.email);
    expect(mail?.subject).toBe(`Hello Bcc: ${evil} X-Injected: yes`);
    expect(mail?.headers.has('x-injected')).toBe(false);
    expect(mail?.bcc).toBeUndefined();
    expect(smtp.to(evil)).toEqual([]);
    expect(smtp.messages.some((message) => JSON.stringify(message.headers.get('bcc') ?? '').includes(evil))).toBe(false);
  });

  it('answers 409 when no email is known, 404 for an unknown or another site’s response, 400/413 for a body too long', async () => {
    const anonymous = await respondent({ email: null });
    expect(await expectError(await reply(team.owner.jar, anonymous.id, { body: 'Hi' }), 409, 'conflict')).toMatch(/email/);
    const twoAddresses = await respondent({ email: 'ann@customer.test, evil@attacker.test' });
    await expectError(await reply(team.owner.jar, twoAddresses.id, { body: 'Hi' }), 409, 'conflict');
    expect(smtp.to('evil@attacker.test')).toEqual([]);
    await expectError(await reply(team.owner.jar, randomUUID(), { body: 'Hi' }), 404, 'not_found');
    await expectError(await reply(team.owner.jar, 'not-a-uuid', { body: 'Hi' }), 404, 'not_found');

    const elsewhere = await ownerWithSite(testApp, [], { mail: smtp });
    const [{ id: otherSurvey }] = (await testApp.db
      .select({ id: surveys.id })
      .from(surveys)
      .where(eq(surveys.siteId, elsewhere.site.id))) as [{ id: string }];
    const theirs = await respondent({ siteId: elsewhere.site.id, survey: otherSurvey });
    await expectError(await reply(team.owner.jar, theirs.id, { body: 'Hi' }), 404, 'not_found');
    await expectError(
      await sendWithKey(testApp, 'POST', `/v1/responses/${theirs.id}/replies`, team.secretKey, { body: 'Hi' }),
      404,
      'not_found',
    );
    expect(smtp.to(theirs.email)).toEqual([]);

    const ann = await respondent();
    expect(await expectError(await reply(team.owner.jar, ann.id, { body: 'x'.repeat(10_001) }), 400, 'invalid_request')).toMatch(/^body: /);
    await expectError(await reply(team.owner.jar, ann.id, { body: 'x'.repeat(40_000) }), 413, 'payload_too_large');
    expect(await expectError(await reply(team.owner.jar, ann.id, { body: 'a\u0000b' }), 400, 'invalid_request')).toMatch(/U\+0000/);
    expect(smtp.to(ann.email)).toEqual([]);
  });

  it('refuses viewers and read-only keys (403); a key replies only once the response has an owner (409 before)', async () => {
    const ann = await respondent();
    // Signed up through the real SMTP server, then made a viewer of the organization.
    const viewer = await signedUpMember(testApp, 'viewer', smtp);
    const me = meSchema.parse(await (await consoleRequest(testApp, viewer.jar, 'GET', '/v1/me')).json());
    await testApp.db.insert(members).values({ id: randomUUID(), organizationId: team.organization.id, userId: me.user.id, role: 'viewer' });
    await expectError(await reply(viewer.jar, ann.id, { body: 'Hi' }), 403, 'forbidden');
    const { secretKey: readOnly } = await createSiteKey(testApp.db, {
      siteId: team.site.id,
      name: 'read',
      access: 'read',
      createdBy: null,
    });
    await expectError(await sendWithKey(testApp, 'POST', `/v1/responses/${ann.id}/replies`, readOnly, { body: 'Hi' }), 403, 'forbidden');

    expect(
      await expectError(
        await sendWithKey(testApp, 'POST', `/v1/responses/${ann.id}/replies`, team.secretKey, { body: 'Hi' }),
        409,
        'conflict',
      ),
    ).toMatch(/assign an owner first/);
    expect(smtp.to(ann.email)).toEqual([]);
    await testApp.db.insert(followUps).values({ siteId: team.site.id, responseId: ann.id, ownerMemberId: await ownerMember() });
    const answer = followUpEntrySchema.parse(
      await expectStatus(await sendWithKey(testApp, 'POST', `/v1/responses/${ann.id}/replies`, team.secretKey, { body: 'Hi' }), 201),
    );
    expect(answer.delivery).toBe('sent');
    expect(smtp.to(ann.email)[0]?.replyTo?.value[0]?.address).toBe(team.owner.email);
  });

  it('erasing the user deletes the thread and the copy kept in the outbox', async () => {
    const refused = await respondent({ email: `refused-${randomUUID().slice(0, 6)}@customer.test` });
    await expectStatus(await reply(team.owner.jar, refused.id, { body: 'Kept after a refusal' }), 201);
    const kept = () =>
      testApp.db
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.siteId, team.site.id), eq(emailOutbox.userId, refused.userId)));
    expect((await kept()).map((row) => [row.to, row.organizationId])).toEqual([[refused.email, team.organization.id]]);
    await expectStatus(await sendWithKey(testApp, 'DELETE', `/v1/users/${refused.userId}`, team.secretKey), 200);
    expect(await kept()).toEqual([]);
    expect(await testApp.db.select().from(emailOutbox).where(eq(emailOutbox.to, refused.email))).toEqual([]);
    expect(await testApp.db.select().from(followUpEntries).where(eq(followUpEntries.responseId, refused.id))).toEqual([]);
  });
});

describe('a reply without SMTP, or with an SMTP server that never answers', () => {
  it('keeps it in the outbox (kept) with no SMTP server, and gives up on a silent one within its timeouts (failed)', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentUrl = `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    for (const smtpUrl of [undefined, silentUrl]) {
      const app = await startTestApp({ ...(smtpUrl ? { smtpUrl, smtpTimeouts: { connectMs: 300, idleMs: 300 } } : {}), now: () => now });
      try {
        const { owner, site } = await ownerWithSite(app);
        const [{ id }] = (await app.db.select({ id: surveys.id }).from(surveys).where(eq(surveys.siteId, site.id))) as [{ id: string }];
        const userId = 'u_ann';
        await app.db.insert(users).values({ siteId: site.id, userId, email: 'ann@customer.test' });
        const responseId = randomUUID();
        await app.db.insert(responses).values({ siteId: site.id, id: responseId, surveyId: id, userId, score: 1, band: 'low' });
        const started = Date.now();
        const answered = await consoleRequest(
          app,
          owner.jar,
          'POST',
          `/v1/responses/${responseId}/replies`,
          { body: 'Hi' },
          {
            'Tenpoint-Site': site.id,
          },
        );
        const answer = followUpEntrySchema.parse(await expectStatus(answered, 201));
        expect(answer.delivery).toBe(smtpUrl ? 'failed' : 'kept');
        expect(Date.now() - started).toBeLessThan(5_000);
      } finally {
        await app.close();
      }
    }
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });
});
