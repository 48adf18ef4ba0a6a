import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { demoKeys } from '../../demo-site/e2e/demo-keys.ts';
import { apiUrl, createSurvey, openHostPage } from './host-page.ts';

type Window = { tenpoint: (...args: unknown[]) => void };
const call = (page: Page, ...args: unknown[]) => page.evaluate((args) => (window as unknown as Window).tenpoint(...args), args);
const hourMs = 3600_000;

/** The body of every eligibility call the page makes, in order. */
function eligibilityCalls(page: Page) {
  const bodies: Array<{ event?: string; user: { traits?: object } }> = [];
  page.on('request', (sent) => {
    if (sent.url() === `${apiUrl}/v1/eligibility`) bodies.push(JSON.parse(sent.postData() ?? '{}'));
  });
  return bodies;
}

/** How long from now the browser keeps the site's remembered "no", in ms; null when it keeps none. */
const rememberedFor = (page: Page) =>
  page.evaluate((key) => {
    const until = localStorage.getItem(key)?.split(' ')[0];
    return until ? Number(until) - Date.now() : null;
  }, `tenpoint:no:${demoKeys().siteKey}`);

test('a "no" for hours is remembered across page loads; other traits, track() and reset() ask again', async ({ page, request }) => {
  // Signed up 18 hours ago, on a survey that waits a day after sign-up: "no" for 6 more hours.
  const survey = await createSurvey(request, { type: 'nps', settings: { throttle: { daysAfterSignUp: 1 } } });
  const user = { userId: `u_${randomUUID()}`, createdAt: new Date(Date.now() - 18 * hourMs).toISOString(), traits: { plan: 'pro' } };
  const calls = eligibilityCalls(page);
  const events = () => calls.map((body) => body.event ?? 'run');

  await openHostPage(page, user, { survey });
  await expect.poll(() => rememberedFor(page)).toBeGreaterThan(5.9 * hourMs);
  expect(await rememberedFor(page)).toBeLessThanOrEqual(6 * hourMs);
  expect(events()).toEqual(['run']);

  // A later page load: its run() asks nothing. track() after it always asks; had run() asked, track()
  // would have found it under way and been skipped.
  await openHostPage(page, user, { survey });
  await call(page, 'track', 'invoice_sent');
  await expect.poll(events).toEqual(['run', 'invoice_sent']);
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // The same user with other traits is asked at once, on the first run() of the page.
  const upgraded = { ...user, traits: { plan: 'enterprise' } };
  await openHostPage(page, upgraded, { survey });
  await expect.poll(events).toEqual(['run', 'invoice_sent', 'run']);
  expect(calls.at(-1)?.user.traits).toEqual({ plan: 'enterprise' });
  await openHostPage(page, upgraded, { survey });
  await call(page, 'track', 'report_exported');
  await expect.poll(events).toEqual(['run', 'invoice_sent', 'run', 'report_exported']);

  // reset() (sign-out) forgets it: the next page load asks again.
  await call(page, 'reset');
  expect(await rememberedFor(page)).toBeNull();
  await openHostPage(page, upgraded, { survey });
  await expect.poll(events).toEqual(['run', 'invoice_sent', 'run', 'report_exported', 'run']);
});
