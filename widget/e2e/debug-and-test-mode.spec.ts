import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { apiUrl, createSurvey, openHostPage } from './host-page.ts';

const longAgo = '2025-01-31T10:00:00Z';
type Window = { tenpoint: (...args: unknown[]) => void };
const call = (page: Page, ...args: unknown[]) => page.evaluate((args) => (window as unknown as Window).tenpoint(...args), args);

/** What the widget said on the console with its "[tenpoint]" prefix, and how often it asked the API. */
function watch(page: Page) {
  const seen = { logs: [] as string[], asked: 0 };
  page.on('console', (message) => {
    if (message.text().startsWith('[tenpoint]')) seen.logs.push(message.text());
  });
  page.on('request', (sent) => {
    if (sent.url() === `${apiUrl}/v1/eligibility`) seen.asked++;
  });
  return seen;
}

test('debug mode logs each decision with its reason and asks again despite a remembered "no"', async ({ page }) => {
  // Signed up today: not eligible for 30 days, and the browser remembers that "no".
  const user = { userId: `u_${randomUUID()}`, createdAt: new Date().toISOString() };
  const seen = watch(page);
  await openHostPage(page, user);
  await expect.poll(() => seen.asked).toBe(1);
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('tenpoint:no:')).length)).toBe(1);
  await call(page, 'run');
  await page.waitForTimeout(300);
  expect(seen.asked).toBe(1);
  expect(seen.logs).toEqual([]);

  // Switched on from the page's address: the first run() of the page asks the API and says why not.
  await openHostPage(page, user, { tenpoint_debug: '1' });
  await expect.poll(() => seen.asked).toBe(2);
  await expect.poll(() => seen.logs.join('\n')).toMatch(/not eligible: too_new.*sign-up/i);
  await call(page, 'run');
  await expect.poll(() => seen.asked).toBe(3);

  // Switched on from the console: the same, and switched off again, the remembered "no" holds.
  seen.logs.length = 0;
  await openHostPage(page, user, { run: 'no' });
  await call(page, 'run');
  await page.waitForTimeout(300);
  expect(seen.asked).toBe(3);
  await call(page, 'debug', true);
  await call(page, 'run');
  await expect.poll(() => seen.asked).toBe(4);
  await expect.poll(() => seen.logs.join('\n')).toMatch(/remembered.*\n.*not eligible: too_new/is);
  await call(page, 'debug', false);
  await call(page, 'run');
  await page.waitForTimeout(300);
  expect(seen.asked).toBe(4);
});

test('debug mode logs a survey that is shown, and a run() skipped while one is up', async ({ page }) => {
  const seen = watch(page);
  await openHostPage(page, { userId: `u_${randomUUID()}`, createdAt: longAgo }, { run: 'no' });
  await call(page, 'debug', true);
  await call(page, 'run');
  await expect(page.getByRole('dialog')).toBeVisible();
  await call(page, 'run');
  await expect.poll(() => seen.logs.join('\n')).toMatch(/eligible: survey [0-9a-f-]{36}[^\n]*\n.*already/i);
});

test('debug mode says why a survey due after a delay was not shown', async ({ page, request }) => {
  const survey = await createSurvey(request, { type: 'nps', settings: { appearance: { delaySeconds: 1 } } });
  const seen = watch(page);
  await openHostPage(page, { userId: `u_${randomUUID()}`, createdAt: longAgo }, { survey, tenpoint_debug: '1' });
  await expect.poll(() => seen.logs.join('\n')).toMatch(/eligible: survey/);
  await page.evaluate(() => history.pushState(null, '', '/another-page'));
  await expect.poll(() => seen.logs.join('\n')).toMatch(/not shown after its delay: page changed/);
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('a survey shown by show() marks its impression, response, decline and their retries as test ones; run() does not', async ({
  page,
  context,
}) => {
  const bodies: Record<string, Array<Record<string, unknown>>> = { impressions: [], responses: [], declines: [] };
  const statuses: number[] = [];
  page.on('request', (sent) => {
    const path = sent.url().slice(`${apiUrl}/v1/`.length);
    if (sent.url().startsWith(`${apiUrl}/v1/`) && path in bodies) bodies[path]!.push(JSON.parse(sent.postData() ?? '{}'));
  });
  page.on('response', (answer) => {
    if (/\/v1\/(impressions|responses|declines)$/.test(answer.url())) statuses.push(answer.status());
  });
  const dialog = page.getByRole('dialog');
  const testFlags = (path: string) => bodies[path]!.map((body) => body.test);

  // run(): live responses, no flag.
  await openHostPage(page, { userId: `u_${randomUUID()}`, createdAt: longAgo });
  await dialog.getByRole('radio', { name: '9 out of 10' }).click();
  await expect.poll(() => bodies.responses!.length).toBe(1);
  await expect.poll(() => bodies.impressions!.length).toBe(1);
  expect([...testFlags('impressions'), ...testFlags('responses')]).toEqual([undefined, undefined]);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('tenpoint:outbox'))).toBeNull();
  for (const sent of Object.values(bodies)) sent.length = 0;

  // show(): a decline, then a score, then a comment given offline that waits in the outbox.
  await openHostPage(page, { userId: `u_${randomUUID()}`, createdAt: longAgo }, { run: 'no' });
  await call(page, 'show');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect.poll(() => testFlags('declines')).toEqual([true]);
  await call(page, 'show');
  await dialog.getByRole('radio', { name: '4 out of 10' }).click();
  await expect.poll(() => testFlags('responses')).toEqual([true]);
  expect(testFlags('impressions')).toEqual([true, true]);
  await context.setOffline(true);
  await dialog.getByRole('textbox').fill('Tried while offline');
  await dialog.getByRole('button', { name: 'Send' }).click();
  const waiting = JSON.parse((await page.evaluate(() => localStorage.getItem('tenpoint:outbox'))) ?? '{}');
  expect(Object.values(waiting).map((entry) => JSON.parse((entry as { body: string }).body))).toMatchObject([
    { comment: 'Tried while offline', test: true },
  ]);
  await context.setOffline(false);
  await page.reload();
  await expect.poll(() => page.evaluate(() => localStorage.getItem('tenpoint:outbox')), { timeout: 10_000 }).toBeNull();
  expect(bodies.responses!.at(-1)).toMatchObject({ comment: 'Tried while offline', test: true });
  // The API of this branch takes the field (the test-mode numbers keep such responses apart).
  expect(
    statuses.every((status) => status < 300),
    statuses.join(),
  ).toBe(true);
});
