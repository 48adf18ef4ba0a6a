import { expect, type Page } from '@playwright/test';
import { apiUrl, demoKeys } from '../../demo-site/e2e/demo-keys.ts';
import { linkInLastEmailTo } from './mail.ts';

/** The demo's owner, whom `pnpm start` makes without a password. */
export const demoOwner = { email: 'demo@example.com', password: 'demo owner passphrase for the tests' };
const origin = { Origin: apiUrl };
let passwordSet: Promise<void> | undefined;

/**
 * The demo owner gets a password once per run the way a person would: a reset link by email
 * (caught by the tests' SMTP server), then a new password.
 */
function setDemoPassword(): Promise<void> {
  passwordSet ??= (async () => {
    const asked = await fetch(`${apiUrl}/v1/password-reset`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...origin },
      body: JSON.stringify({ email: demoOwner.email }),
    });
    expect(asked.status).toBe(202);
    const token = new URLSearchParams((await linkInLastEmailTo(demoOwner.email)).split('?')[1]).get('token');
    const reset = await fetch(`${apiUrl}/v1/password-reset/confirm`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...origin },
      body: JSON.stringify({ token, password: demoOwner.password }),
    });
    expect(reset.status, await reset.text()).toBe(204);
  })();
  return passwordSet;
}

/** Signs the page's browser in as the demo owner, with a real session cookie from the API. */
export async function signInAsDemoOwner(page: Page) {
  await setDemoPassword();
  const signedIn = await page.request.post(`${apiUrl}/v1/session`, {
    data: { email: demoOwner.email, password: demoOwner.password },
    headers: origin,
  });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
}

/** Opens the demo site's dashboard as its owner, signed in. */
export async function openDashboard(page: Page) {
  const { siteId } = demoKeys() as ReturnType<typeof demoKeys> & { siteId: string };
  await signInAsDemoOwner(page);
  await page.goto(`${apiUrl}/app/#/sites/${siteId}/dashboard`);
}
