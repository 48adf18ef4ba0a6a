// Slack's message text treats &, < and > as markup (links, mentions): users' words are escaped.
const escapeSlack = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

interface Payload {
  response?: { score?: number; category?: string; comment?: string };
  decline?: Record<string, unknown>;
  survey?: { type?: string; name?: string };
  user?: { userId?: string; traits?: Record<string, unknown> };
  account?: { id?: string } | null;
}

const maxOf: Record<string, number> = { nps: 10, csat: 5, ces: 7 };
const marks: Record<string, string> = { promoter: ':large_green_circle:', high: ':large_green_circle:', passive: ':white_circle:', middle: ':white_circle:', detractor: ':red_circle:', low: ':red_circle:' };

/** A Slack-compatible message body (`text` and `blocks`) for one event. */
export function slackMessage(event: string, payload: Payload, dashboardUrl?: string): Record<string, unknown> {
  const who = escapeSlack(`${payload.user?.userId ?? 'someone'}${payload.account ? ` (${payload.account.id})` : ''}`);
  const survey = escapeSlack(payload.survey?.name ?? 'survey');
  let text: string;
  if (payload.decline) {
    text = `${who} closed the ${survey} survey without answering.`;
  } else {
    const { score, category = '', comment } = payload.response ?? {};
    const scale = maxOf[payload.survey?.type ?? 'nps'] ?? 10;
    const updated = event === 'response.updated' ? ' (updated)' : '';
    text = `${marks[category] ?? ''} *${score}/${scale}* ${category} from ${who} on ${survey}${updated}${comment ? `\n> ${escapeSlack(comment).replaceAll('\n', '\n> ')}` : ''}`.trim();
  }
  const blocks: Array<Record<string, unknown>> = [{ type: 'section', text: { type: 'mrkdwn', text } }];
  if (dashboardUrl) {
    blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the dashboard' }, url: dashboardUrl }] });
  }
  return { text, blocks };
}
