import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { apiUrl, openHostPage } from './host-page.ts';

const longAgo = '2025-01-31T10:00:00Z';

test('a Hebrew user gets the survey in Hebrew, laid out right to left, and the locale is stored with the response', async ({ page }) => {
  const sent: Array<Record<string, unknown>> = [];
  page.on('request', (request) => {
    if (request.url() === `${apiUrl}/v1/responses`) sent.push(JSON.parse(request.postData() ?? '{}'));
  });
  await openHostPage(page, { userId: `u_${randomUUID()}`, createdAt: longAgo, locale: 'he-IL' });
  const survey = page.getByRole('dialog');
  await expect(survey).toBeVisible();
  await expect(survey).toHaveAttribute('dir', 'rtl');
  await expect(survey).toHaveAttribute('lang', 'he');
  await expect(survey).toContainText('Ledgerly');

  // Right to left: 0 sits at the right end of the scale, and the card at the left of the screen.
  const zero = (await survey.getByRole('radio').first().boundingBox())!;
  const ten = (await survey.getByRole('radio').last().boundingBox())!;
  expect(zero.x).toBeGreaterThan(ten.x);
  expect((await survey.boundingBox())!.x).toBeLessThan(page.viewportSize()!.width / 2);

  await survey.getByRole('radio').nth(8).click();
  await expect.poll(() => sent.length).toBeGreaterThan(0);
  expect(sent[0]).toMatchObject({ score: 8, locale: 'he' });
});

test('a regional locale falls back to its language, and German long words stay inside the card', async ({ page }) => {
  await openHostPage(page, { userId: `u_${randomUUID()}`, createdAt: longAgo, locale: 'de-AT' });
  const survey = page.getByRole('dialog');
  await expect(survey).toHaveAttribute('lang', 'de');
  await expect(survey).toContainText('Wie wahrscheinlich ist es');
  const card = (await survey.boundingBox())!;
  const overflowing = await survey.evaluate((element) => {
    const root = element.getRootNode() as ShadowRoot;
    return [...root.querySelectorAll('*')].filter(
      (node) => node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflowX === 'visible',
    ).length;
  });
  expect(overflowing).toBe(0);
  expect(card.x + card.width).toBeLessThanOrEqual(page.viewportSize()!.width);
});
