import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import type * as Tenpoint from '../npm/src/index.ts';
import { apiUrl, hostOrigin, openHostPage, openPackagePage } from './host-page.ts';

// The npm package (widget/npm) in a real page, as an app's bundle runs it: what the app calls, and what the user sees.
type App = { tenpoint: typeof Tenpoint; apiUrl: string; siteKey: string };
declare const app: App;
const someone = () => ({ userId: `u_${randomUUID()}`, createdAt: '2025-01-31T10:00:00Z' });

const widgetScripts = (page: Page) => page.locator('script[src$="/widget.js"]').count();
const surveyHosts = (page: Page) => page.locator('body > *').evaluateAll((all) => all.filter((each) => each.shadowRoot).length);

test('init() loads widget.js once however often an app calls it, and calls made before it are kept', async ({ page }) => {
  const loads: string[] = [];
  page.on('request', (sent) => {
    if (sent.url().endsWith('/widget.js')) loads.push(sent.url());
  });
  const said: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') said.push(message.text());
  });
  await openPackagePage(page);
  await page.evaluate((user) => {
    const shown: string[] = [];
    Object.assign(window, { shown });
    app.tenpoint.identify(user);
    app.tenpoint.on('shown', ({ surveyId }) => shown.push(surveyId));
    for (let render = 0; render < 3; render++) {
      app.tenpoint.init({ siteKey: app.siteKey, apiUrl: `${app.apiUrl}/` });
      app.tenpoint.run();
    }
  }, someone());

  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await widgetScripts(page)).toBe(1);
  expect(loads).toEqual([`${apiUrl}/widget.js`]);
  expect(await surveyHosts(page)).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { shown: string[] }).shown.length)).toBe(1);
  expect(said).toEqual([]);
});

test('on() hands the typed payload to each handler until its returned function stops it', async ({ page }) => {
  await openPackagePage(page);
  await page.evaluate((user) => {
    const heard: { kept: unknown[]; stopped: unknown[] } = { kept: [], stopped: [] };
    Object.assign(window, { heard });
    app.tenpoint.init({ siteKey: app.siteKey, apiUrl: app.apiUrl });
    app.tenpoint.on('response', (payload) => heard.kept.push(payload));
    const stop = app.tenpoint.on('response', (payload) => heard.stopped.push(payload));
    stop();
    app.tenpoint.identify(user);
    app.tenpoint.run();
  }, someone());

  const survey = page.getByRole('dialog');
  await survey.getByRole('radio', { name: '9 out of 10' }).click();
  await expect(survey.getByRole('textbox')).toBeVisible();
  const heard = await page.evaluate(
    () => (window as unknown as { heard: { kept: { score: number; category: string }[]; stopped: unknown[] } }).heard,
  );
  expect(heard.kept).toMatchObject([{ score: 9, category: 'promoter' }]);
  expect(heard.stopped).toEqual([]);
});

test('reset() on sign-out removes the survey that is up', async ({ page }) => {
  await openPackagePage(page);
  await page.evaluate((user) => {
    app.tenpoint.init({ siteKey: app.siteKey, apiUrl: app.apiUrl });
    app.tenpoint.identify(user);
    app.tenpoint.run();
  }, someone());
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.evaluate(() => app.tenpoint.reset());
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('on a page that already has the snippet, init() adds no second widget', async ({ page }) => {
  await openHostPage(page, someone());
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.addScriptTag({
    type: 'module',
    content: `import * as tenpoint from '${hostOrigin}/npm/index.js'; window.app = { tenpoint };`,
  });
  await page.waitForFunction(() => 'app' in window);
  await page.evaluate(
    (key) => {
      app.tenpoint.init({ siteKey: key ?? '', apiUrl: 'http://127.0.0.1:1' });
      app.tenpoint.run();
    },
    await page.locator('script[data-site-key]').getAttribute('data-site-key'),
  );

  expect(await widgetScripts(page)).toBe(1);
  expect(await surveyHosts(page)).toBe(1);
});

test('another script on the page with a data-site-key attribute does not stop init()', async ({ page }) => {
  await openPackagePage(page);
  await page.evaluate((user) => {
    const other = document.createElement('script');
    other.dataset.siteKey = 'another-vendors-key';
    document.head.append(other);
    app.tenpoint.init({ siteKey: app.siteKey, apiUrl: app.apiUrl });
    app.tenpoint.identify(user);
    app.tenpoint.run();
  }, someone());
  await expect(page.getByRole('dialog')).toBeVisible();
});

test('on a page that requires Trusted Types, init() loads the widget through a policy of its own', async ({ page }) => {
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await openPackagePage(page, { csp: 'strict', trustedTypes: '1' });
  await page.evaluate((user) => {
    const nonce = document.querySelector('script')?.nonce;
    app.tenpoint.init({ siteKey: app.siteKey, apiUrl: app.apiUrl, nonce });
    app.tenpoint.identify(user);
    app.tenpoint.run();
  }, someone());
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a missing site key or API address is said on the console, and the app goes on', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await openPackagePage(page);
  await page.evaluate(() => {
    app.tenpoint.init({ siteKey: '', apiUrl: app.apiUrl });
    app.tenpoint.init({ siteKey: app.siteKey, apiUrl: 'not an address' });
    app.tenpoint.init({ siteKey: app.siteKey, apiUrl: 'javascript:alert(1)' });
    app.tenpoint.init(undefined as never);
  });
  expect(warnings).toEqual([
    '[tenpoint] init needs the site\'s public key (siteKey: "pk_…"), got ""',
    '[tenpoint] init needs your Tenpoint API\'s address (apiUrl: "https://…"), got "not an address"',
    '[tenpoint] init needs your Tenpoint API\'s address (apiUrl: "https://…"), got "javascript:alert(1)"',
    '[tenpoint] init needs the site\'s public key (siteKey: "pk_…"), got undefined',
  ]);
  expect(errors).toEqual([]);
  expect(await widgetScripts(page)).toBe(0);
});
