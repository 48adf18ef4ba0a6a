import { type Band, bandOfCategory, type SurveyType, scales, surveyTypes } from '@tenpoint/shared/scores';

// Slack's message text treats &, < and > as markup (links, mentions): users' words are escaped.
const escapeSlack = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

// Slack refuses a section block whose text is over 3,000 characters: the comment is cut to fit.
const sectionTextLimit = 3000;

interface Payload {
  response?: { id?: string; score?: number; category?: string; comment?: string };
  decline?: Record<string, unknown>;
  survey?: { type?: string; name?: string };
  user?: { userId?: string; traits?: Record<string, unknown> };
  account?: { id?: string } | null;
  followUp?: { owner?: { name?: string } | null; resolution?: string | null };
}

const marks: Record<Band, string> = { low: ':red_circle:', middle: ':white_circle:', high: ':large_green_circle:' };
// A payload without a survey type (the test message) is an NPS one.
const surveyTypeOf = (type: string | undefined): SurveyType => surveyTypes.find((known) => known === type) ?? 'nps';

/** The escaped, quoted comment cut to `room` characters, never inside an escape or a character. */
function quotedComment(comment: string, room: number, more: string): string {
  const quote = (text: string) => `\n> ${escapeSlack(text).replaceAll('\n', '\n> ')}`;
  const whole = quote(comment);
  if (whole.length <= room) return whole;
  const characters = [...comment];
  let [low, high] = [0, characters.length];
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (quote(characters.slice(0, middle).join('')).length + 1 + more.length <= room) low = middle;
    else high = middle - 1;
  }
  return `${quote(characters.slice(0, low).join(''))}…${more}`;
}

/** What a follow-up event adds to the heading: who owns it now, or how it was closed. */
function followUpWords(event: string, followUp: Payload['followUp']): string {
  if (event === 'response.assigned') return ` — assigned to ${escapeSlack(followUp?.owner?.name || 'a member')}`;
  if (event === 'response.closed') return ` — closed${followUp?.resolution ? `: ${escapeSlack(followUp.resolution)}` : ''}`;
  return '';
}

/** A Slack-compatible message body (`text` and `blocks`) for one event, within Slack's limits. */
export function slackMessage(event: string, payload: Payload, dashboardUrl?: string): Record<string, unknown> {
  const who = escapeSlack(`${payload.user?.userId ?? 'someone'}${payload.account ? ` (${payload.account.id})` : ''}`);
  const survey = escapeSlack(payload.survey?.name ?? 'survey');
  let text: string;
  if (payload.decline) {
    text = `${who} closed the ${survey} survey without answering.`;
  } else {
    const { id, score, category = '', comment } = payload.response ?? {};
    const type = surveyTypeOf(payload.survey?.type);
    const band = bandOfCategory(type, category);
    const updated = event === 'response.updated' ? ' (updated)' : followUpWords(event, payload.followUp);
    const heading = `${band ? marks[band] : ''} *${score}/${scales[type].max}* ${category} from ${who} on ${survey}${updated}`.trim();
    const where = dashboardUrl
      ? `<${dashboardUrl}|read the whole answer>`
      : `read it whole with GET /v1/responses${id ? ` (response ${id})` : ''}`;
    text = `${heading}${comment ? quotedComment(comment, sectionTextLimit - heading.length, `\n_Comment shortened: ${where}._`) : ''}`;
  }
  const blocks: Array<Record<string, unknown>> = [{ type: 'section', text: { type: 'mrkdwn', text } }];
  if (dashboardUrl) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the dashboard' }, url: dashboardUrl }],
    });
  }
  return { text, blocks };
}
