import { expect, test } from '@playwright/test';
import { apiUrl, demoKeys } from './demo-keys.ts';

test('an end user answers 9 with a comment on the demo site and the vendor reads it', async ({ page, request }) => {
  const keys = demoKeys();
  const headers = { Authorization: `Bearer ${keys.secretKey}` };
  const before = await (await request.get(`${apiUrl}/v1/scores`, { headers })).json();
  const sentResponses: Array<Record<string, unknown>> = [];
  page.on('request', (sent) => {
    if (sent.url() === `${apiUrl}/v1/responses`) sentResponses.push(JSON.parse(sent.postData() ?? '{}'));
  });

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Invoices' })).toBeVisible();
  const survey = page.getByRole('dialog', { name: 'How likely are you to recommend Ledgerly to a friend or colleague?' });
  await expect(survey).toBeVisible();

  await survey.getByRole('radio', { name: '9 out of 10' }).click();
  const comment = 'Sending invoices takes me two minutes now.';
  await survey.getByRole('textbox').fill(comment);
  const commentAcknowledged = page.waitForResponse((answer) => answer.url() === `${apiUrl}/v1/responses` && answer.status() === 200);
  await survey.getByRole('button', { name: 'Send' }).click();
  await commentAcknowledged;
  await expect(page.getByText('Thank you! We are glad you like Ledgerly.')).toBeVisible();

  // One response, sent first with the score and again under the same id with the comment.
  expect(new Set(sentResponses.map((body) => body.id)).size).toBe(1);
  expect(sentResponses.at(-1)).toMatchObject({ siteKey: keys.siteKey, score: 9, comment, user: { userId: 'u_ann' } });

  // The demo site starts with sample responses: one more response, one more promoter.
  const scores = await request.get(`${apiUrl}/v1/scores`, { headers });
  const body = await scores.json();
  expect(scores.status(), JSON.stringify(body)).toBe(200);
  expect(body).toMatchObject({
    type: 'nps',
    responses: before.responses + 1,
    promoters: before.promoters + 1,
    detractors: before.detractors,
  });
  const newest = await (await request.get(`${apiUrl}/v1/responses?limit=1`, { headers })).json();
  expect(newest.data[0]).toMatchObject({ score: 9, category: 'promoter', comment, user: { userId: 'u_ann' } });
});
