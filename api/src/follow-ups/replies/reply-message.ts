import { type SurveyType, scales } from '@tenpoint/shared/scores';
import { type Email, typedName } from '../../email/mailer.ts';

/** One line of a header: no CR, LF, NUL or other control character can start another header. */
export const oneLine = (text: string) =>
  text
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The address a reply can go to, from the email `identify` gave: one address, nothing around it. */
export function replyAddress(email: string | null | undefined): string | undefined {
  const address = email?.trim();
  return address && /^[^\s@<>,;"]+@[^\s@<>,;"]+$/u.test(address) ? address : undefined;
}

export interface ReplyFacts {
  to: string;
  subject: string | undefined;
  body: string;
  senderName: string;
  siteName: string;
  productName: string;
  replyTo: string;
  /** Only the respondent's own answer: nobody else's ever goes into their email. */
  answer: { type: SurveyType; score: number; comment: string | null; createdAt: Date };
  aboutUser: { siteId: string; userId: string };
}

const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The default subject of a reply: what the respondent will recognize. */
export const defaultSubject = (productName: string) => `About your feedback on ${productName}`;

/**
 * A reply to one respondent: the member's words, then who sends it and why, with the respondent's
 * own score and comment quoted. Plain text; the mailer escapes it into HTML.
 */
export function replyEmail(facts: ReplyFacts): Email {
  const { answer } = facts;
  const sender = typedName(oneLine(`${facts.senderName} at ${facts.siteName}`));
  const quoted = answer.comment?.trim() ? [`You wrote: “${answer.comment.trim()}”`] : [];
  return {
    to: facts.to,
    subject: oneLine(facts.subject ?? defaultSubject(facts.productName)).slice(0, 200) || defaultSubject(facts.productName),
    paragraphs: [
      ...facts.body.split(/\n\s*\n/).map((paragraph) => paragraph.trim()),
      '—',
      `${sender} writes to you because you answered our survey on ${day.format(answer.createdAt)}: ` +
        `you gave us ${answer.score} out of ${scales[answer.type].max}.`,
      ...quoted,
      `Reply to this email to answer ${typedName(oneLine(facts.senderName))} directly.`,
    ].filter(Boolean),
    fromName: sender,
    replyTo: oneLine(facts.replyTo),
    aboutUser: facts.aboutUser,
  };
}
