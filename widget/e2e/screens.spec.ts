import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { openHostPage } from './host-page.ts';

const aUser = () => ({ userId: `u_${randomUUID()}`, createdAt: '2025-01-31T10:00:00Z' });

test.describe('at 200% zoom on a 1280 × 720 laptop', () => {
  // Zooming to 200% halves the viewport in CSS pixels.
  test.use({ viewport: { width: 640, height: 360 } });

  test('every control can be reached and read, nothing spills off the screen', async ({ page }) => {
    await openHostPage(page, aUser());
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    const card = (await dialog.boundingBox())!;
    expect(card.x).toBeGreaterThanOrEqual(0);
    expect(card.y).toBeGreaterThanOrEqual(0);
    expect(card.x + card.width).toBeLessThanOrEqual(640);
    expect(card.y + card.height).toBeLessThanOrEqual(360);
    await dialog.getByRole('radio', { name: '6 out of 10' }).click();
    // The card is taller than the screen now: it scrolls inside, and the page stays where it was.
    for (const control of [dialog.getByRole('textbox'), dialog.getByRole('button', { name: 'Send' })]) {
      await control.scrollIntoViewIfNeeded();
      await expect(control).toBeInViewport({ ratio: 1 });
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640);
    await dialog.getByRole('textbox').fill('Zoomed in');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expect(dialog.getByText('Thank you', { exact: false })).toBeVisible();
  });
});

test.describe('on a phone whose keyboard opens', () => {
  test.use({ viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });

  test('the text box stays in sight above the keyboard', async ({ page }) => {
    await openHostPage(page, aUser());
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: '7 out of 10' }).tap();
    const textbox = dialog.getByRole('textbox');
    await expect(textbox).toBeFocused();
    // The keyboard takes the lower half: the page is resized to what is left above it.
    await page.setViewportSize({ width: 360, height: 300 });
    await expect(textbox).toBeInViewport({ ratio: 1 });
    await textbox.fill('Typed with the keyboard open');
    await expect(textbox).toBeInViewport({ ratio: 1 });
    const card = (await dialog.boundingBox())!;
    expect(card.y).toBeGreaterThanOrEqual(0);
  });
});
