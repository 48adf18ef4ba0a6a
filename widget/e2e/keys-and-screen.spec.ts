import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { apiUrl, createSurvey, openHostPage } from './host-page.ts';

const aUser = () => ({ userId: `u_${randomUUID()}`, createdAt: '2025-01-31T10:00:00Z' });
type Window = { tenpoint: (...args: unknown[]) => void; saves: number };

/** The page's own button, focused, counting its clicks. */
async function focusPageButton(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as Window;
    w.saves = 0;
    const save = document.createElement('button');
    save.textContent = 'Save draft';
    save.addEventListener('click', () => w.saves++);
    document.querySelector('main')!.prepend(save);
  });
  await page.getByRole('button', { name: 'Save draft' }).focus();
}

const runSurvey = (page: Page, surveyId?: string) =>
  page.evaluate((id) => (window as unknown as Window).tenpoint('run', id ? { surveyId: id } : undefined), surveyId);

/** The element focused, looking into the survey's shadow root. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return element?.getAttribute('aria-label') ?? element?.textContent ?? '';
  });

const sentBodies = (page: Page, path: string) => {
  const bodies: Array<Record<string, unknown>> = [];
  page.on('request', (sent) => {
    if (sent.url() === `${apiUrl}${path}`) bodies.push(JSON.parse(sent.postData() ?? '{}'));
  });
  return bodies;
};

for (const position of ['bottom-right', 'modal'] as const) {
  test(`${position}: a key meant for the page goes to the page, and a user who Tabs into the survey responds by keyboard`, async ({
    page,
    request,
  }) => {
    const survey = await createSurvey(request, { type: 'nps', settings: { appearance: { position } } });
    const responses = sentBodies(page, '/v1/responses');
    await openHostPage(page, aUser(), { survey, run: 'no' });
    await focusPageButton(page);
    const saves = () => page.evaluate(() => (window as unknown as Window).saves);
    // A key pressed before the survey appears and released after belongs to the page (Space
    // clicks a button when released).
    await page.keyboard.down(' ');
    await runSurvey(page, survey);
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await page.keyboard.up(' ');
    await expect.poll(saves).toBe(1);

    await page.keyboard.press('Enter');
    await expect.poll(saves).toBe(2);
    await page.keyboard.press(' ');
    await expect.poll(saves).toBe(3);
    await expect(dialog.getByRole('radio', { checked: true })).toHaveCount(0);
    await expect(dialog.getByRole('textbox')).toHaveCount(0);
    expect(responses).toEqual([]);
    // Announced rather than focused.
    await expect(dialog.getByRole('status')).toHaveText(/How likely are you to recommend/);

    // The user moves into the survey themselves: now the keys are the survey's.
    for (let presses = 0; presses < 12 && !/out of 10/.test(await focusedName(page)); presses++) await page.keyboard.press('Tab');
    expect(await focusedName(page)).toMatch(/out of 10/);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('radio', { name: '3 out of 10', checked: true })).toBeVisible();
    await expect.poll(() => responses.map((body) => body.score)).toEqual([3]);
    expect(await saves()).toBe(3);
  });
}

test('in the comment box, Enter starts a new line and Ctrl+Enter or ⌘+Enter sends', async ({ page }) => {
  for (const send of ['Control+Enter', 'Meta+Enter']) {
    const responses = sentBodies(page, '/v1/responses');
    await openHostPage(page, aUser());
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: '8 out of 10' }).click();
    const textbox = dialog.getByRole('textbox');
    await expect(textbox).toBeFocused();
    await page.keyboard.type('First line');
    await page.keyboard.press('Enter');
    await page.keyboard.type('second line');
    await expect(textbox).toHaveValue('First line\nsecond line');
    await expect(dialog.getByText('Thank you', { exact: false })).toHaveCount(0);
    await page.keyboard.press(send);
    await expect(dialog.getByRole('status').filter({ hasText: /thank/i })).toBeVisible();
    await expect.poll(() => responses.at(-1)?.comment, send).toBe('First line\nsecond line');
  }
});

test.describe('on a phone, on a page wider than the screen', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  for (const position of ['bottom-right', 'bottom-bar', 'modal'] as const) {
    test(`${position}: the survey opens within the screen`, async ({ page, request }) => {
      const survey = await createSurvey(request, { type: 'nps', settings: { appearance: { position } } });
      await openHostPage(page, aUser(), { survey, run: 'no' });
      await page.evaluate(() => {
        const wide = document.createElement('div');
        wide.style.width = '1000px';
        wide.textContent = 'A table wider than a phone';
        document.querySelector('main')!.append(wide);
      });
      await runSurvey(page, survey);
      const dialog = page.getByRole('dialog');
      await expect(dialog).toBeVisible();
      // A bounding box is measured on the screen, whatever the page's width.
      const card = (await dialog.boundingBox())!;
      const where = JSON.stringify(card);
      expect(card.x, where).toBeGreaterThanOrEqual(0);
      expect(card.x + card.width, where).toBeLessThanOrEqual(390);
      expect(card.y, where).toBeGreaterThanOrEqual(0);
      expect(card.y + card.height, where).toBeLessThanOrEqual(844);
      await dialog.getByRole('radio', { name: '10 out of 10' }).tap();
      await expect(dialog.getByRole('textbox')).toBeInViewport({ ratio: 1 });
    });
  }
});
