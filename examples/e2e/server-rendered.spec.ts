import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { expect, type Page, test } from '@playwright/test';
import { newIdentitySecretSchema, userExportSchema } from '@tenpoint/shared';
import { signInAsDemoOwner } from '../../console/e2e/demo-session.ts';
import { apiUrl } from '../../demo-site/e2e/demo-keys.ts';
import { freePort } from '../../scripts/free-port.ts';
import { startServer } from '../server-rendered/server.ts';

// docs/install/server-rendered.md, tried: a site that enforces identity verification, and the
// example's layout signing its users with the site's identity secret (or with a wrong one).
const servers: Server[] = [];
test.afterAll(() => {
  for (const server of servers) server.close();
});

/** A new site of the demo's team, allowing `origin`, with identity verification on; its keys and secret. */
async function siteEnforcingIdentity(page: Page, origin: string) {
  await signInAsDemoOwner(page);
  const asConsole = { headers: { Origin: apiUrl } };
  const me = (await (await page.request.get(`${apiUrl}/v1/me`, asConsole)).json()) as { organizations: { id: string }[] };
  const made = await page.request.post(`${apiUrl}/v1/organizations/${me.organizations[0]!.id}/sites`, {
    ...asConsole,
    data: { name: `Server-rendered ${randomUUID()}`, origins: [origin] },
  });
  expect(made.status(), await made.text()).toBe(201);
  const { site, secretKey } = (await made.json()) as { site: { siteKey: string }; secretKey: string };
  // Node's fetch with the secret key, as a vendor's script would call: not the page's signed-in session.
  const withKey = { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' };
  const secret = await fetch(`${apiUrl}/v1/site/identity-secret`, { method: 'POST', headers: withKey });
  expect(secret.status, await secret.clone().text()).toBe(200);
  const { identitySecret } = newIdentitySecretSchema.parse(await secret.json());
  const enforced = await fetch(`${apiUrl}/v1/site`, { method: 'PATCH', headers: withKey, body: JSON.stringify({ enforceIdentity: true }) });
  expect(enforced.status, await enforced.clone().text()).toBe(200);
  return { siteKey: site.siteKey, secretKey, identitySecret };
}

async function serve(identity: { siteKey: string; identitySecret: string }, port: number) {
  servers.push(await startServer({ apiUrl, ...identity }, port));
  return `http://127.0.0.1:${port}`;
}

test('a server-rendered page that signs its user gets the survey, and the answer is stored', async ({ page }) => {
  const port = await freePort();
  const site = await siteEnforcingIdentity(page, `http://127.0.0.1:${port}`);
  const origin = await serve(site, port);
  const userId = `u_${randomUUID()}`;

  await page.goto(`${origin}/?user=${userId}`);
  const survey = page.getByRole('dialog');
  await expect(survey).toBeVisible();
  await survey.getByRole('radio', { name: '3 out of 10' }).click();
  await expect(survey.getByRole('textbox')).toBeVisible();

  await expect
    .poll(async () => {
      const answer = await fetch(`${apiUrl}/v1/users/${userId}`, { headers: { Authorization: `Bearer ${site.secretKey}` } });
      return userExportSchema.parse(await answer.json()).responses.map(({ score }) => score);
    })
    .toEqual([3]);
});

test('a page signed with another secret is refused, and no survey shows', async ({ page }) => {
  const port = await freePort();
  const site = await siteEnforcingIdentity(page, `http://127.0.0.1:${port}`);
  const origin = await serve({ siteKey: site.siteKey, identitySecret: 'not the site’s secret' }, port);
  const refused = page.waitForResponse(`${apiUrl}/v1/eligibility`);

  await page.goto(`${origin}/?user=u_${randomUUID()}`);
  expect((await refused).status()).toBe(401);
  await page.waitForTimeout(500);
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
