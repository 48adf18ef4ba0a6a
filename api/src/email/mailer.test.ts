import { type AddressInfo, createServer, type Socket } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar, consoleRequest, joinAs, newEmail, ownerWithSite, password } from '../../test/console-session.ts';
import { startSmtpCatcher } from '../../test/smtp-catcher.ts';
import { capturedLogger, startTestApp, type TestApp } from '../../test/test-app.ts';
import { emailOutbox } from '../db/schema/index.ts';
import { renderEmail } from './mailer.ts';

let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
let testApp: TestApp;
beforeAll(async () => {
  smtp = await startSmtpCatcher();
  testApp = await startTestApp({ smtpUrl: smtp.url });
});
afterAll(async () => {
  await testApp.close();
  await smtp.close();
});

describe('email through SMTP_URL', () => {
  it('sends a confirmation on sign-up and an invitation, each with a plain-text part and a working console link', async () => {
    const { owner, organization } = await ownerWithSite(testApp, [], { mail: smtp });
    const invitee = newEmail('invitee');
    const invited = await consoleRequest(testApp, owner.jar, 'POST', `/v1/organizations/${organization.id}/invitations`, {
      email: invitee,
      role: 'viewer',
    });
    expect(invited.status).toBe(201);
    const [mail] = smtp.to(invitee);
    expect(mail?.subject).toContain(organization.name);
    expect(mail?.from?.text).toContain('no-reply@tenpoint.test');
    expect(mail?.text).toMatch(/http:\/\/127\.0\.0\.1:8787\/app\/#\/invitation\/[0-9a-f-]{36}/);
    expect(mail?.html).toContain('href="http://127.0.0.1:8787/app/#/invitation/');
    // Nothing is kept in the outbox when a real server takes the mail.
    const outbox = await consoleRequest(testApp, owner.jar, 'GET', `/v1/organizations/${organization.id}/outbox`);
    expect(await outbox.json()).toEqual({ kind: 'smtp', data: [] });
  });

  it('escapes what people typed (a name, an organization) in the HTML part', () => {
    const { html, text } = renderEmail({ to: 'a@b.c', subject: 's', paragraphs: ['<script>alert(1)</script> & "you"'] });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;you&quot;');
    expect(text).toBe('<script>alert(1)</script> & "you"');
  });
});

describe('email with no SMTP_URL (the embedded default)', () => {
  it("keeps invitations in the organization's outbox for its owner only, and prints their link in the log", async () => {
    const log = capturedLogger('info');
    const laptop = await startTestApp({ logger: log.logger });
    try {
      const { owner, organization } = await ownerWithSite(laptop);
      const admin = await joinAs(laptop, owner.jar, organization.id, 'admin');
      const invitee = newEmail('later');
      await consoleRequest(laptop, owner.jar, 'POST', `/v1/organizations/${organization.id}/invitations`, {
        email: invitee,
        role: 'analyst',
      });
      const outbox = (await (await consoleRequest(laptop, owner.jar, 'GET', `/v1/organizations/${organization.id}/outbox`)).json()) as {
        kind: string;
        data: { to: string; text: string }[];
      };
      expect(outbox.kind).toBe('outbox');
      expect(outbox.data[0]).toMatchObject({ to: invitee, text: expect.stringMatching(/#\/invitation\//) });
      expect((await consoleRequest(laptop, admin.jar, 'GET', `/v1/organizations/${organization.id}/outbox`)).status).toBe(403);
      const logged = log.entries().find((entry) => entry.to === invitee);
      expect(logged?.link).toMatch(/#\/invitation\//);
    } finally {
      await laptop.close();
    }
  });
});

describe('an SMTP server that is down or silent', () => {
  it('answers a sign-up anyway within seconds, keeps what was not sent in the outbox with why, and logs an error', async () => {
    // A port that takes connections and never says a word: the SMTP greeting never comes.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const log = capturedLogger('info');
    const stuck = await startTestApp({
      smtpUrl: `smtp://127.0.0.1:${port}`,
      smtpTimeouts: { connectMs: 300, idleMs: 300 },
      logger: log.logger,
    });
    try {
      const email = newEmail('waiting');
      const started = Date.now();
      const signUp = await consoleRequest(stuck, new CookieJar(), 'POST', '/v1/sign-up', { name: 'Ana', email, password });
      expect(signUp.status).toBe(202);
      expect(Date.now() - started).toBeLessThan(5_000);
      const [kept] = await stuck.db.select().from(emailOutbox).where(eq(emailOutbox.to, email));
      expect(kept?.sendError).toMatch(/timeout/i);
      expect(log.entries().some((entry) => entry.level === 'error' && /SMTP server did not take/.test(String(entry.msg)))).toBe(true);
      // Nothing of the message, its link included, is in that log line.
      expect(log.lines.some((line) => line.includes(kept!.text.slice(-40)))).toBe(false);
    } finally {
      await stuck.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
