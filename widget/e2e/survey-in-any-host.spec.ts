import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { apiUrl, openHostPage } from './host-page.ts';

const longAgo = '2025-01-31T10:00:00Z';
const hostileCss = `
  * { font-size: 40px !important; letter-spacing: 6px !important; color: red !important; box-sizing: content-box !important; }
  button { display: none !important; }
  div { position: static !important; padding: 50px !important; }
  textarea { visibility: hidden !important; }
  [role="dialog"] { display: none !important; }
`;

test('the survey keeps its looks and works inside a host page with hostile global CSS, and leaks no style out', async ({ page }) => {
  await openHostPage(page, { userId: `u_${randomUUID()}`, createdAt: longAgo });
  await page.addStyleTag({ content: hostileCss });
  const survey = page.getByRole('dialog');
  await expect(survey).toBeVisible();

  const nine = survey.getByRole('radio', { name: '9 out of 10' });
  await expect(nine).toBeVisible();
  const looks = await nine.evaluate((element) => {
    const style = getComputedStyle(element);
    return { fontSize: parseFloat(style.fontSize), color: style.color, display: style.display };
  });
  expect(looks.fontSize).toBeLessThan(24);
  expect(looks.color).not.toBe('rgb(255, 0, 0)');
  expect(looks.display).not.toBe('none');
  const card = await survey.boundingBox();
  expect(card!.width).toBeLessThanOrEqual(480);
  expect(card!.y + card!.height).toBeLessThanOrEqual(page.viewportSize()!.height);

  await nine.click();
  await expect(survey.getByRole('textbox')).toBeVisible();
  await survey.getByRole('textbox').fill('Still works');
  await survey.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Thank you!', { exact: false })).toBeVisible();

  // The widget's own styles stay in its shadow root: the host's heading keeps the host's rules.
  const heading = await page.getByRole('heading', { name: "A vendor's page" }).evaluate((element) => getComputedStyle(element).color);
  expect(heading).toBe('rgb(255, 0, 0)');
});

test('a keyboard-only user can respond, change their mind, and close with Escape', async ({ page }) => {
  const declines: string[] = [];
  page.on('request', (sent) => {
    if (sent.url() === `${apiUrl}/v1/declines`) declines.push(sent.postData() ?? '');
  });
  await openHostPage(page, { userId: `u_${randomUUID()}`, createdAt: longAgo });
  const survey = page.getByRole('dialog');
  await expect(survey).toBeVisible();
  const focused = () =>
    page.evaluate(() => {
      let element = document.activeElement;
      while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
      return element?.getAttribute('aria-label') ?? element?.textContent ?? '';
    });

  // The survey waits at the end of the page's Tab order; arrows move within the scale without answering.
  for (let presses = 0; presses < 10 && !/out of 10/.test(await focused()); presses++) await page.keyboard.press('Tab');
  expect(await focused()).toMatch(/out of 10/);
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  const onScale = await focused();
  await expect(survey.getByRole('textbox')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(survey.getByRole('radio', { name: onScale, checked: true })).toBeVisible();
  await expect(survey.getByRole('textbox')).toBeVisible();

  // One Tab stop for the whole scale: from the chosen score, Tab leaves the scale.
  await survey.getByRole('radio', { name: onScale }).focus();
  await page.keyboard.press('Tab');
  expect(await focused()).not.toMatch(/out of 10/);

  await page.keyboard.press('Escape');
  await expect(survey).toHaveCount(0);
  // A score was given, so closing records no decline.
  expect(declines).toEqual([]);
});

test('Escape before answering records one decline', async ({ page }) => {
  const declines: string[] = [];
  page.on('request', (sent) => {
    if (sent.url() === `${apiUrl}/v1/declines`) declines.push(sent.postData() ?? '');
  });
  await openHostPage(page, { userId: `u_${randomUUID()}`, createdAt: longAgo });
  await expect(page.getByRole('dialog')).toBeVisible();
  const inSurvey = () => page.evaluate(() => document.activeElement?.hasAttribute('data-tenpoint'));
  for (let presses = 0; presses < 10 && !(await inSurvey()); presses++) await page.keyboard.press('Tab');
  expect(await inSurvey()).toBe(true);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect.poll(() => declines.length).toBe(1);
  expect(JSON.parse(declines[0]!)).toHaveProperty('impressionId');
});

test('on() callbacks fire for the impression, each score, the comment and the closing', async ({ page }) => {
  await openHostPage(page, { userId: `u_${randomUUID()}`, createdAt: longAgo }, { run: 'no' });
  await page.evaluate(() => {
    const w = window as unknown as { tenpoint: (...args: unknown[]) => void; heard: string[] };
    w.heard = [];
    for (const event of ['shown', 'response', 'comment', 'declined', 'closed']) {
      w.tenpoint('on', event, (payload: { score?: number; category?: string; comment?: string }) =>
        w.heard.push([event, payload.score, payload.category, payload.comment].filter((part) => part !== undefined).join(' ')),
      );
    }
    w.tenpoint('run');
  });
  const heard = () => page.evaluate(() => (window as unknown as { heard: string[] }).heard);
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: '9 out of 10' }).click();
  await dialog.getByRole('radio', { name: '10 out of 10' }).click();
  await dialog.getByRole('textbox').fill('Great');
  await dialog.getByRole('button', { name: 'Send' }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect.poll(heard).toEqual(['shown', 'response 9 promoter', 'response 10 promoter', 'comment 10 promoter Great', 'closed']);
});

test('an unknown site key gives one console warning that says what to fix, and nothing on the page', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' && message.text().startsWith('[tenpoint]')) warnings.push(message.text());
  });
  await openHostPage(page, { userId: `u_${randomUUID()}`, createdAt: longAgo }, { siteKey: 'pk_doesnotexist123' });
  await expect.poll(() => warnings.length).toBe(1);
  expect(warnings[0]).toMatch(/siteKey: no site has this key.*data-site-key/);
  // Route changes ask again but never repeat the same warning.
  for (let route = 0; route < 3; route++)
    await page.evaluate(() => (window as unknown as { tenpoint: (command: string) => void }).tenpoint('run'));
  await page.waitForTimeout(500);
  expect(warnings).toHaveLength(1);
  await expect(page.locator('[data-tenpoint]')).toHaveCount(0);
});
