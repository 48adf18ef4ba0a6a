import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { apiUrl, demoKeys } from '../../demo-site/e2e/demo-keys.ts';
import { openHostPage } from '../../widget/e2e/host-page.ts';
import { signInAsDemoOwner } from './demo-session.ts';
import { expectAccessible } from './sign-up.ts';

// The Surveys pages on the real API: a survey made, worded and saved in the console reaches a real
// widget on a vendor's page; the preview is the widget's own UI, framed.

const open = (page: Page, path: string) => page.goto(`${apiUrl}/app/#${path}`);
const demoSiteId = () => (demoKeys() as ReturnType<typeof demoKeys> & { siteId: string }).siteId;
const longAgo = '2025-01-31T10:00:00Z';

async function createInConsole(page: Page, type: 'nps' | 'csat' | 'ces', name: string): Promise<string> {
  await open(page, `/sites/${demoSiteId()}/surveys`);
  await page.getByLabel('Type').selectOption(type);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Create survey' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  return /surveys\?id=([0-9a-f-]{36})/.exec(page.url())![1]!;
}

test('a CSAT survey worded in Arabic: the preview shows it right to left before saving, and a real widget after', async ({
  page,
}, testInfo) => {
  await signInAsDemoOwner(page);
  const name = `Support CSAT ${randomUUID().slice(0, 6)}`;
  const surveyId = await createInConsole(page, 'csat', name);
  const question = 'ما مدى رضاك عن فريق الدعم لدينا؟';

  await page.getByLabel('Language', { exact: true }).selectOption('ar');
  const questionField = page.getByLabel('Question', { exact: true });
  // The built-in Arabic question shows as the placeholder until the vendor writes their own.
  await expect(questionField).toHaveAttribute('placeholder', /.+/);
  await questionField.fill(question);
  const preview = page.frameLocator('iframe[title^="Preview"]').getByRole('dialog');
  await expect(preview).toHaveAttribute('dir', 'rtl');
  await expect(preview).toHaveAttribute('lang', 'ar');
  await expect(preview).toContainText(question);
  // A later step of the same survey, on a phone's screen.
  await page.getByLabel('Step').selectOption('thanks-high');
  await page.getByRole('button', { name: 'Phone' }).click();
  await expect(preview.locator('#tp-thanks')).toBeVisible();
  await expectAccessible(page, 'survey editor previewing Arabic');
  // Position and theme, as drafted, on the same preview.
  await page.getByLabel('Position').selectOption('modal');
  await page.getByLabel('Theme').selectOption('dark');
  const host = page.frameLocator('iframe[title^="Preview"]').locator('[data-tenpoint]');
  await expect(host).toHaveAttribute('data-position', 'modal');
  await expect(host).toHaveAttribute('data-theme', 'dark');
  await expect(preview.locator('#tp-thanks')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('survey-editor-arabic.png'), fullPage: true });

  await page.getByLabel('On: users are asked').check();
  await page.getByRole('button', { name: 'Save survey' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();

  await openHostPage(page, { userId: `u_${randomUUID()}`, createdAt: longAgo, locale: 'ar' }, { survey: surveyId });
  const survey = page.getByRole('dialog');
  await expect(survey).toHaveAttribute('dir', 'rtl');
  await expect(survey).toContainText(question);
  await page.screenshot({ path: testInfo.outputPath('survey-in-widget-arabic.png') });
});

test('problems show next to their fields, all at once, in words; nothing is saved until they are fixed', async ({ page }, testInfo) => {
  await signInAsDemoOwner(page);
  const surveyId = await createInConsole(page, 'nps', `NPS ${randomUUID().slice(0, 6)}`);
  const delay = page.getByLabel('Delay (seconds)');
  await delay.fill('9999');
  const colour = page.getByRole('textbox', { name: 'Brand colour', exact: true });
  await colour.fill('red');
  await expect(delay).toHaveAttribute('aria-invalid', 'true');
  await expect(delay).toHaveAccessibleDescription(/must be at most 600/);
  await expect(colour).toHaveAccessibleDescription(/must be a colour written #rrggbb/);
  await expect(page.getByText(/settings\.|appearance\./)).toHaveCount(0);
  await page.getByRole('button', { name: 'Save survey' }).click();
  await expect(page.getByRole('alert')).toContainText('2 settings need a change first');
  await expectAccessible(page, 'survey editor with problems');
  await page.screenshot({ path: testInfo.outputPath('survey-editor-problems.png'), fullPage: true });
  const stored = await page.request.get(`${apiUrl}/v1/surveys/${surveyId}`, { headers: { 'Tenpoint-Site': demoSiteId() } });
  expect(((await stored.json()) as { settings: { appearance: { delaySeconds: number } } }).settings.appearance.delaySeconds).toBe(0);
  await delay.fill('5');
  await colour.fill('#0f766e');
  // A language without built-in words: the nearest built-in ones (Portuguese) show as placeholders.
  await page.getByLabel('Another language').fill('pt-BR');
  await page.getByRole('button', { name: 'Word it' }).click();
  await expect(page.getByLabel('Language', { exact: true })).toHaveValue('pt-BR');
  await page.getByLabel('Send button').fill('Mandar');
  await page.getByRole('button', { name: 'Save survey' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  const saved = await page.request.get(`${apiUrl}/v1/surveys/${surveyId}`, { headers: { 'Tenpoint-Site': demoSiteId() } });
  expect(((await saved.json()) as { settings: { wording: unknown } }).settings.wording).toEqual({ 'pt-BR': { submit: 'Mandar' } });
});

test('targeting is picked from the traits the site has sent, never typed, and saved as rules', async ({ page }) => {
  await signInAsDemoOwner(page);
  const surveyId = await createInConsole(page, 'nps', `Pro NPS ${randomUUID().slice(0, 6)}`);
  const include = page.getByRole('group', { name: 'Show only to users where' });
  await include.getByRole('button', { name: 'Add a rule' }).click();
  await include.getByLabel('Trait').selectOption('plan');
  await include.getByRole('checkbox', { name: 'pro', exact: true }).check();
  await include.getByRole('checkbox', { name: 'team', exact: true }).check();
  await page.getByRole('button', { name: 'Save survey' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  const stored = await page.request.get(`${apiUrl}/v1/surveys/${surveyId}`, { headers: { 'Tenpoint-Site': demoSiteId() } });
  expect(((await stored.json()) as { settings: { targeting: { include: unknown } } }).settings.targeting.include).toEqual([
    { trait: 'plan', values: ['pro', 'team'] },
  ]);
});

test('the list copies a survey switched off, switches it on, and deletes it once its name is typed', async ({ page }) => {
  await signInAsDemoOwner(page);
  const name = `Checkout CES ${randomUUID().slice(0, 6)}`;
  await createInConsole(page, 'ces', name);
  await open(page, `/sites/${demoSiteId()}/surveys`);
  const surveys = page.getByRole('list', { name: 'Surveys' });
  await page.getByRole('button', { name: `Duplicate ${name}`, exact: true }).click();
  const copy = `${name} (copy)`;
  const copySwitch = surveys.getByRole('switch', { name: `Off (${copy})` });
  await expect(copySwitch).not.toBeChecked();
  await copySwitch.check();
  await expect(surveys.getByRole('switch', { name: `On (${copy})` })).toBeChecked();
  await page.getByRole('button', { name: `Delete ${copy}` }).click();
  const deleteButton = page.getByRole('button', { name: 'Delete survey' });
  await expect(deleteButton).toBeDisabled();
  await page.getByLabel(`Type ${copy} to delete this survey`).fill(copy);
  await deleteButton.click();
  await expect(surveys.getByRole('link', { name: copy, exact: true })).toHaveCount(0);
  await expect(surveys.getByRole('link', { name, exact: true })).toBeVisible();
});
