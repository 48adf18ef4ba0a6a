import { categoryName, scales } from '@tenpoint/shared/scores';
import { consoleLink } from '../auth/console-links.ts';
import type { Email } from '../email/mailer.ts';
import type { AlertFacts } from './match-rule.ts';

/** A matched response with what a person needs to read it: its survey's name, the account's name, the user. */
export interface AlertedResponse extends AlertFacts {
  siteId: string;
  surveyName: string;
  accountName: string | null;
  userId: string;
}

// Slack's message text treats &, < and > as markup: users' words are escaped.
const escapeSlack = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const cut = (text: string, room: number) => {
  const characters = [...text];
  return characters.length <= room ? text : `${characters.slice(0, room - 1).join('')}…`;
};
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const category = (response: AlertedResponse) => categoryName(response.surveyType, response.band);
const whoFrom = (response: AlertedResponse) => response.accountName ?? response.accountId ?? response.userId;

/** `Detractor (3) from Acme Corp: “Exports keep failing…”`: the subject, and a chat line's heading. */
export function alertHeadline(response: AlertedResponse): string {
  const comment = response.comment?.trim() ? `: “${cut(oneLine(response.comment), 60)}”` : '';
  return `${capitalised(category(response))} (${response.score}) from ${cut(oneLine(whoFrom(response)), 60)}${comment}`;
}

export const responseLink = (publicUrl: string, response: Pick<AlertedResponse, 'siteId' | 'id'>) =>
  consoleLink(publicUrl, `sites/${response.siteId}/inbox`, { response: response.id });

function describe(response: AlertedResponse): string[] {
  const traits = Object.entries(response.accountTraits).map(([name, value]) => `${name}: ${String(value)}`);
  const account = response.accountId ? `${response.accountName ?? response.accountId} (${response.accountId})` : 'none';
  return [
    `Score: ${response.score} of ${scales[response.surveyType].max} (${category(response)}) on ${response.surveyName}`,
    response.comment?.trim() ? `Comment: ${response.comment}` : 'No comment (yet).',
    `Account: ${account}; user ${response.userId}`,
    ...(traits.length > 0 ? [`Account traits: ${traits.join(', ')}`] : []),
  ];
}

/** One email: a single response, or an hour's gathering of a rule. Plain text; the mailer escapes the HTML part. */
export function alertEmail(to: string, ruleName: string, responses: AlertedResponse[], publicUrl: string): Email {
  const [first] = responses as [AlertedResponse];
  const footer = `You get this for the alert rule “${ruleName}”; change or pause it on the Alerts page of the console.`;
  if (responses.length === 1)
    return {
      to,
      subject: alertHeadline(first),
      paragraphs: [...describe(first), footer],
      action: { label: 'Open it in the inbox', url: responseLink(publicUrl, first) },
      fromName: 'Tenpoint alerts',
    };
  return {
    to,
    subject: `${responses.length} responses for “${cut(ruleName, 60)}” in the last hour`,
    paragraphs: [
      ...responses.flatMap((response, index) => [
        `${index + 1}. ${alertHeadline(response)}`,
        ...describe(response),
        `Open it: ${responseLink(publicUrl, response)}`,
      ]),
      footer,
    ],
    fromName: 'Tenpoint alerts',
  };
}

// Slack refuses a section block whose text is over 3,000 characters.
const sectionTextLimit = 3000;

/** One Slack-format message (`text` and `blocks`) for one response or an hour's gathering. */
export function alertChatMessage(ruleName: string, responses: AlertedResponse[], publicUrl: string): Record<string, unknown> {
  const line = (response: AlertedResponse, room: number) => {
    const heading = `*${escapeSlack(capitalised(category(response)))} (${response.score})* from ${escapeSlack(whoFrom(response))}`;
    const comment = response.comment?.trim() ? `\n> ${escapeSlack(cut(response.comment, room)).replaceAll('\n', '\n> ')}` : '';
    return `${heading}${comment}\n<${responseLink(publicUrl, response)}|Open it in the inbox>`;
  };
  const intro =
    responses.length === 1
      ? `Alert “${escapeSlack(ruleName)}”:`
      : `Alert “${escapeSlack(ruleName)}”: ${responses.length} responses in the last hour`;
  const room = Math.max(80, Math.floor(2400 / responses.length));
  const text = [intro, ...responses.map((response) => line(response, room))].join('\n');
  const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: cut(text, sectionTextLimit) } }];
  return { text, blocks };
}

/** A made-up response for a rule's test send. */
export function sampleResponse(siteId: string, surveyId: string): AlertedResponse {
  return {
    id: '00000000-0000-4000-8000-000000000000',
    siteId,
    surveyId,
    surveyType: 'nps',
    surveyName: 'NPS',
    score: 3,
    band: 'low',
    comment: 'This is a test alert from Tenpoint: exports keep failing.',
    accountId: 'acme',
    accountName: 'Acme Corp (test)',
    accountTraits: { plan: 'enterprise' },
    userId: 'u_test',
  };
}
