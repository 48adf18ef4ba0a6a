import { createTransport } from 'nodemailer';
import type { Database } from '../db/client.ts';
import { emailOutbox } from '../db/schema/index.ts';
import type { Logger } from '../observability/logger.ts';

export interface Email {
  to: string;
  subject: string;
  /** Paragraphs of plain text; the HTML part is built from them, escaped. */
  paragraphs: string[];
  /** The one thing to do, as a button in HTML and a line of its own in text. */
  action?: { label: string; url: string };
  /** Whose outbox keeps it when no SMTP server is set: the organization it is about. */
  organizationId?: string | null;
  /** An end user the message goes to (a reply to their response): their kept copy is erased with them. */
  aboutUser?: { siteId: string; userId: string };
  /** Shown as the sender's name; the address stays the configured sender's. */
  fromName?: string;
  replyTo?: string;
  /** Extra headers, e.g. `List-Unsubscribe`. */
  headers?: Record<string, string>;
  /** A message laid out elsewhere (the digest's MJML): used as they are instead of `paragraphs`. */
  rendered?: { text: string; html: string };
}

/** `sent`: the SMTP server took it; `kept`: in the outbox (no SMTP server); `failed`: refused, kept with the reason. */
export type SendOutcome = { status: 'sent' } | { status: 'kept' } | { status: 'failed'; reason: string };

export interface Mailer {
  /** Where mail goes: `smtp` sends it, `outbox` keeps it in the database and prints its link. */
  readonly kind: 'smtp' | 'outbox';
  send(email: Email): Promise<SendOutcome>;
}

/**
 * What someone typed (a name, an organization's name) as it may appear in our email: without
 * addresses, so that no one puts their own link into a genuine Tenpoint message.
 */
export const typedName = (text: string) => text.replace(/\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S*/gi, '[link removed]').slice(0, 100);

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/** The message as text and as simple, escaped HTML that every mail client shows the same. */
export function renderEmail(email: Email): { text: string; html: string } {
  const text = [...email.paragraphs, ...(email.action ? [`${email.action.label}: ${email.action.url}`] : [])].join('\n\n');
  const body = email.paragraphs.map((paragraph) => `<p style="margin:0 0 16px">${escapeHtml(paragraph)}</p>`).join('');
  const button = email.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(email.action.url)}" style="background:#1d4ed8;color:#ffffff;` +
      `padding:10px 18px;border-radius:6px;text-decoration:none">${escapeHtml(email.action.label)}</a></p>` +
      `<p style="margin:0;color:#555;font-size:13px">${escapeHtml(email.action.url)}</p>`
    : '';
  const html =
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;font-size:15px;color:#111;max-width:560px;margin:24px auto">' +
    `${body}${button}</body></html>`;
  return { text, html };
}

/** The bare address of a sender written `Name <address>` or as an address alone. */
export const senderAddress = (from: string) => /<([^>]+)>\s*$/.exec(from)?.[1] ?? from.trim();

/** How long an SMTP server may take to connect, greet and answer: a request waits for it. */
export interface SmtpTimeouts {
  connectMs: number;
  idleMs: number;
}
const defaultSmtpTimeouts: SmtpTimeouts = { connectMs: 5_000, idleMs: 10_000 };

/**
 * Sends through `smtpUrl` (e.g. smtp://user:pass@mail.example:587) or, with none, keeps each message in
 * the outbox the console shows its organization's owners, and prints its link in the log. A message
 * the SMTP server refuses, or that it does not take in time, is kept in the outbox with the reason and
 * an error logged: the request that sent it still succeeds (the person can ask again, the owner can
 * pass an invitation on).
 */
export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string;
  db: Database;
  logger?: Logger | undefined;
  smtpTimeouts?: SmtpTimeouts;
}): Mailer {
  const rendered = (email: Email) => email.rendered ?? renderEmail(email);
  const keep = async (email: Email, sendError: string | null) => {
    const { text, html } = rendered(email);
    await options.db.insert(emailOutbox).values({
      organizationId: email.organizationId ?? null,
      siteId: email.aboutUser?.siteId ?? null,
      userId: email.aboutUser?.userId ?? null,
      to: email.to,
      subject: email.subject,
      text,
      html,
      sendError,
    });
  };
  if (options.smtpUrl) {
    const timeouts = options.smtpTimeouts ?? defaultSmtpTimeouts;
    const transport = createTransport(options.smtpUrl);
    // The options nodemailer parsed the URL into are the ones each connection reads; a URL cannot carry timeouts.
    Object.assign((transport.transporter as unknown as { options: object }).options, {
      connectionTimeout: timeouts.connectMs,
      greetingTimeout: timeouts.connectMs,
      socketTimeout: timeouts.idleMs,
    });
    return {
      kind: 'smtp',
      async send(email) {
        const { text, html } = rendered(email);
        const from = email.fromName ? { name: email.fromName, address: senderAddress(options.from) } : options.from;
        try {
          await transport.sendMail({
            from,
            to: email.to,
            subject: email.subject,
            text,
            html,
            ...(email.replyTo ? { replyTo: email.replyTo } : {}),
            ...(email.headers ? { headers: email.headers } : {}),
          });
          return { status: 'sent' };
        } catch (error) {
          const reason = (error as Error).message.split('\n', 1)[0]!.slice(0, 300);
          options.logger?.error({ subject: email.subject, reason }, 'the SMTP server did not take an email; it is kept in the outbox');
          await keep(email, reason);
          return { status: 'failed', reason };
        }
      },
    };
  }
  return {
    kind: 'outbox',
    async send(email) {
      await keep(email, null);
      // No SMTP server: the link is how the person at this laptop goes on.
      options.logger?.info({ to: email.to, subject: email.subject, link: email.action?.url }, 'email kept in the outbox (no SMTP_URL)');
      return { status: 'kept' };
    },
  };
}
