import { describe, expect, it } from 'vitest';
import { slackMessage } from './slack-message.ts';

// Slack refuses a section whose text is over 3,000 characters, and more than 50 blocks.
const sectionLimit = 3000;

const sections = (message: Record<string, unknown>) =>
  (message.blocks as Array<{ type: string; text?: { text: string } }>).filter((block) => block.type === 'section').map((block) => block.text!.text);

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

  it('leaves a short comment whole', () => {
    const message = slackMessage('response.created', payload('Too slow & buggy'));
    expect(sections(message)[0]).toContain('> Too slow &amp; buggy');
    expect(sections(message)[0]).not.toContain('shortened');
  });
});
