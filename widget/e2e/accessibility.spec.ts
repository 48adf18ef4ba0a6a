import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openHostPage } from './host-page.ts';

const longAgo = '2025-01-31T10:00:00Z';

async function expectNoViolations(page: import('@playwright/test').Page) {
  const results = await new AxeBuilder({ page })
    .include('[data-tenpoint]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
  expect(summary).toEqual([]);
}

test('the survey has no WCAG 2.2 AA violations on the scale, the follow-up and the thank-you', async ({ page }) => {
  await openHostPage(page, { userId: `u_${randomUUID()}`, createdAt: longAgo });
  const survey = page.getByRole('dialog', { name: /How likely are you to recommend/ });
  await expect(survey).toBeVisible();
  await expectNoViolations(page);
  await survey.getByRole('radio', { name: '3 out of 10' }).click();
  await expect(survey.getByRole('textbox')).toBeVisible();
  await expectNoViolations(page);
  await survey.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Thank you', { exact: false })).toBeVisible();
  await expectNoViolations(page);
});

test('a survey that opens while the user types in the page announces itself and leaves the keys where they are', async ({ page }) => {
  await openHostPage(page, { userId: `u_${randomUUID()}`, createdAt: longAgo }, { run: 'no' });
  await page.evaluate(() => {
    const search = document.createElement('input');
    search.setAttribute('aria-label', 'Search invoices');
    document.querySelector('main')!.prepend(search);
  });
  const search = page.getByRole('textbox', { name: 'Search invoices' });
  await search.click();
  await page.keyboard.type('inv');
  await page.evaluate(() => (window as unknown as { tenpoint: (command: string) => void }).tenpoint('run'));
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('status')).toHaveText(/How likely are you to recommend/);
  await page.keyboard.type('oice');
  await expect(search).toHaveValue('invoice');
  await expect(search).toBeFocused();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });

  test('fits a 360 px screen with touch targets of at least 24 px', async ({ page }) => {
    await openHostPage(page, { userId: `u_${randomUUID()}`, createdAt: longAgo });
    const survey = page.getByRole('dialog');
    await expect(survey).toBeVisible();
    const card = (await survey.boundingBox())!;
    expect(card.x).toBeGreaterThanOrEqual(0);
    expect(card.x + card.width).toBeLessThanOrEqual(360);
    for (const score of [0, 5, 10]) {
      const target = (await survey.getByRole('radio', { name: `${score} out of 10`, exact: true }).boundingBox())!;
      expect(target.width, `score ${score}`).toBeGreaterThanOrEqual(24);
      expect(target.height, `score ${score}`).toBeGreaterThanOrEqual(24);
      expect(target.x + target.width).toBeLessThanOrEqual(360);
    }
    await survey.getByRole('radio', { name: '10 out of 10' }).tap();
    await expect(survey.getByRole('textbox')).toBeInViewport();
  });
});
