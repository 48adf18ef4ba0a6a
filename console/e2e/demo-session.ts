import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { apiUrl, demoKeys } from '../../demo-site/e2e/demo-keys.ts';

const routed = new WeakSet<Page>();

/**
 * Opens the demo site's dashboard as its owner would see it. Until a test can sign in with a session
 * whose organization owns the demo site, the console's calls are sent on with the demo site's secret
 * key in place of the session and its Tenpoint-Site header; who is signed in, and the site list, are
 * answered here.
 */
export async function openDashboard(page: Page) {
  const { siteId, siteKey, secretKey } = demoKeys() as ReturnType<typeof demoKeys> & { siteId: string };
  if (!routed.has(page)) {
    routed.add(page);
    const organization = { id: randomUUID(), name: 'Ledgerly Inc', role: 'owner', createdAt: new Date().toISOString() };
    const site = { id: siteId, name: 'Ledgerly', siteKey, allowedOrigins: [], testMode: true, createdAt: new Date().toISOString() };
    await page.route(/\/v1\//, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/v1/me')
        return route.fulfill({
          json: { user: { id: randomUUID(), name: 'Ana', email: 'ana@ledgerly.example' }, organizations: [organization] },
        });
      if (/^\/v1\/organizations\/[^/]+\/sites$/.test(path)) return route.fulfill({ json: { data: [site] } });
      const { 'tenpoint-site': _site, ...headers } = route.request().headers();
      return route.continue({ headers: { ...headers, authorization: `Bearer ${secretKey}` } });
    });
  }
  await page.goto(`${apiUrl}/app/#/sites/${siteId}/dashboard`);
}
