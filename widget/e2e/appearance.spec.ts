import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { createSurvey, openHostPage } from './host-page.ts';

const longAgo = '2025-01-31T10:00:00Z';
const aUser = () => ({ userId: `u_${randomUUID()}`, createdAt: longAgo });

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .include('[data-tenpoint]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(
    results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

const colourOf = (page: Page, selector: string, property: 'backgroundColor' | 'color') =>
  page
    .locator('[data-tenpoint]')
    .evaluate((host, [selector, property]) => getComputedStyle(host.shadowRoot!.querySelector(selector)!)[property as 'color'], [
      selector,
      property,
    ] as const);

test('CSAT and CES surveys show their own scales with anchor labels', async ({ page, request }) => {
  for (const [type, max, low, high] of [
    ['csat', 5, 'Very unsatisfied', 'Very satisfied'],
    ['ces', 7, 'Strongly disagree', 'Strongly agree'],
  ] as const) {
    const survey = await createSurvey(request, { type });
    await openHostPage(page, aUser(), { survey });
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('radio')).toHaveCount(max);
    await expect(dialog.getByRole('radio', { name: `1 out of ${max}`, exact: true })).toBeVisible();
    await expect(dialog.getByRole('radio', { name: `${max} out of ${max}`, exact: true })).toBeVisible();
    await expect(dialog.getByText(low, { exact: true })).toBeVisible();
    await expect(dialog.getByText(high, { exact: true })).toBeVisible();
    await dialog.getByRole('radio', { name: `${max} out of ${max}`, exact: true }).click();
    await expect(dialog.getByRole('textbox')).toBeVisible();
  }
});

test("the survey's brand colour and dark theme apply, readable, as a bottom bar across the page", async ({ page, request }) => {
  const survey = await createSurvey(request, {
    type: 'nps',
    settings: { appearance: { brandColor: '#0f766e', theme: 'dark', position: 'bottom-bar' } },
  });
  await openHostPage(page, aUser(), { survey });
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: '8 out of 10' }).click();
  await expect.poll(() => colourOf(page, '[aria-checked="true"]', 'backgroundColor')).toBe('rgb(15, 118, 110)');
  await expect.poll(() => colourOf(page, '.card', 'backgroundColor')).toBe('rgb(31, 41, 55)');
  const bar = (await dialog.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(bar.x).toBe(0);
  expect(bar.width).toBe(viewport.width);
  expect(Math.round(bar.y + bar.height)).toBe(viewport.height);
  await expectNoViolations(page);
});

test('a light brand colour gets dark text on it, and the page can still override it with CSS', async ({ page, request }) => {
  const survey = await createSurvey(request, { type: 'nps', settings: { appearance: { brandColor: '#fde047', theme: 'light' } } });
  await openHostPage(page, aUser(), { survey });
  await page.getByRole('dialog').getByRole('radio', { name: '9 out of 10' }).click();
  await expect.poll(() => colourOf(page, '[aria-checked="true"]', 'color')).toBe('rgb(17, 24, 39)');
  await expectNoViolations(page);
  await page.addStyleTag({ content: ':root { --tenpoint-brand: rgb(190, 18, 60); --tenpoint-on-brand: #fff; }' });
  await expect.poll(() => colourOf(page, '[aria-checked="true"]', 'backgroundColor')).toBe('rgb(190, 18, 60)');
});

test('as a modal in a right-to-left language it is centred too', async ({ page, request }) => {
  const survey = await createSurvey(request, { type: 'nps', settings: { appearance: { position: 'modal' } } });
  await openHostPage(page, { ...aUser(), locale: 'ar' }, { survey });
  const dialog = page.getByRole('dialog');
  await expect(dialog).toHaveAttribute('dir', 'rtl');
  const viewport = page.viewportSize()!;
  const offCentre = async () => {
    const box = (await dialog.boundingBox())!;
    return Math.max(Math.abs(box.x + box.width / 2 - viewport.width / 2), Math.abs(box.y + box.height / 2 - viewport.height / 2));
  };
  await expect.poll(offCentre).toBeLessThan(2);
});

test('as a centred modal it leaves focus on the page until Tab moves it in, keeps Tab inside, and gives focus back when closed', async ({
  page,
  request,
}) => {
  const survey = await createSurvey(request, { type: 'nps', settings: { appearance: { position: 'modal' } } });
  await openHostPage(page, aUser(), { survey, run: 'no' });
  const runButton = page.getByRole('button', { name: 'run()' });
  await runButton.focus();
  await page.evaluate(
    (surveyId) => (window as unknown as { tenpoint: (...args: unknown[]) => void }).tenpoint('run', { surveyId }),
    survey,
  );
  const dialog = page.getByRole('dialog');
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  const viewport = page.viewportSize()!;
  // Polled: it slides in.
  const offCentre = async () => {
    const box = (await dialog.boundingBox())!;
    return Math.max(Math.abs(box.x + box.width / 2 - viewport.width / 2), Math.abs(box.y + box.height / 2 - viewport.height / 2));
  };
  await expect.poll(offCentre).toBeLessThan(2);

  const insideSurvey = () => page.evaluate(() => document.activeElement?.hasAttribute('data-tenpoint') ?? false);
  await expect(dialog.getByRole('status')).toHaveText(/How likely/);
  await expect(runButton).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await insideSurvey()).toBe(true);
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    expect(await insideSurvey()).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(runButton).toBeFocused();
});

test('after answering, the thank-you of that category carries its link, opening in a new tab', async ({ page, request }) => {
  const link = { url: 'https://reviews.example/ledgerly', label: 'Review us' };
  const survey = await createSurvey(request, { type: 'nps', settings: { thankYouLinks: { high: link } } });
  for (const [score, expected] of [
    [10, 1],
    [4, 0],
  ] as const) {
    await openHostPage(page, aUser(), { survey });
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: `${score} out of 10`, exact: true }).click();
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: /thank/i })).toBeVisible();
    await expect(dialog.getByRole('link', { name: 'Review us' })).toHaveCount(expected);
    if (expected) {
      await expect(dialog.getByRole('link')).toHaveAttribute('href', link.url);
      await expect(dialog.getByRole('link')).toHaveAttribute('target', '_blank');
      await expect(dialog.getByRole('link')).toHaveAttribute('rel', 'noopener noreferrer');
    }
  }
});

test('on a page with a strict Content-Security-Policy the survey shows, styled', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
  });
  await openHostPage(page, aUser(), { csp: 'strict' });
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  expect(await dialog.evaluate((card) => getComputedStyle(card).position)).toBe('fixed');
  const nine = (await dialog.getByRole('radio', { name: '9 out of 10' }).boundingBox())!;
  expect(nine.height).toBeGreaterThanOrEqual(24);
  expect(violations).toEqual([]);
});
