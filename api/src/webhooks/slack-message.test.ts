import { bandOf, categoryName, scales, surveyTypes } from '@tenpoint/shared/scores';
import { describe, expect, it } from 'vitest';
import { slackMessage } from './slack-message.ts';

// Slack refuses a section whose text is over 3,000 characters, and more than 50 blocks.
const sectionLimit = 3000;

const sections = (message: Record<string, unknown>) =>
  (message.blocks as Array<{ type: string; text?: { text: string } }>)
    .filter((block) => block.type === 'section')
    .map((block) => block.text!.text);

describe('slackMessage', () => {
  const payload = (comment: string) => ({
    response: { id: 'r1', score: 2, category: 'detractor', comment },
    survey: { type: 'nps', name: 'NPS' },
    user: { userId: 'u_1' },
    account: { id: 'acme' },
  });

  it("stays within Slack's limits for a long comment and links to the full answer", () => {
    for (const comment of ['word '.repeat(1000), '&'.repeat(5000), '😀'.repeat(4000), `${'a'.repeat(2990)}<@channel>`]) {
      const message = slackMessage('response.created', payload(comment), 'https://tenpoint.example/dashboard');
      const texts = sections(message);
      expect((message.blocks as unknown[]).length).toBeLessThanOrEqual(50);
      for (const text of [...texts, message.text as string]) {
        expect(text.length).toBeLessThanOrEqual(sectionLimit);
        // Never half an escape or half a character at the cut.
        expect(text).not.toMatch(/&(a|am|amp|l|lt|g|gt)?…|[\ud800-\udbff]…/);
      }
      expect(texts.join('\n')).toContain('shortened');
      expect(JSON.stringify(message)).toContain('https://tenpoint.example/dashboard');
    }
  });

  it('shows every score out of its scale, with its category and a mark for its band', () => {
    const heading = (type: string, score: number, category: string) =>
      slackMessage('response.created', { response: { score, category }, survey: { type, name: 'Ours' }, user: { userId: 'u_1' } }).text;
    expect(heading('nps', 6, 'detractor')).toBe(':red_circle: *6/10* detractor from u_1 on Ours');
    expect(heading('csat', 5, 'high')).toBe(':large_green_circle: *5/5* high from u_1 on Ours');
    expect(heading('ces', 4, 'middle')).toBe(':white_circle: *4/7* middle from u_1 on Ours');
    const marks = { low: ':red_circle:', middle: ':white_circle:', high: ':large_green_circle:' };
    for (const type of surveyTypes) {
      for (let score = scales[type].min; score <= scales[type].max; score++) {
        const band = bandOf(type, score);
        const category = categoryName(type, band);
        expect(heading(type, score, category)).toBe(`${marks[band]} *${score}/${scales[type].max}* ${category} from u_1 on Ours`);
      }
    }
  });

  it('leaves a short comment whole', () => {
    const message = slackMessage('response.created', payload('Too slow & buggy'));
    expect(sections(message)[0]).toContain('> Too slow &amp; buggy');
    expect(sections(message)[0]).not.toContain('shortened');
  });

  it('says who a response was assigned to, and how it was closed, escaped', () => {
    const assigned = sections(slackMessage('response.assigned', { ...payload('slow'), followUp: { owner: { name: 'Bo <admin>' } } }));
    expect(assigned[0]).toContain('assigned to Bo &lt;admin&gt;');
    const closed = sections(slackMessage('response.closed', { ...payload('slow'), followUp: { resolution: 'Fixed & shipped' } }));
    expect(closed[0]).toContain('closed: Fixed &amp; shipped');
  });
});
