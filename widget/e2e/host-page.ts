import type { Page } from '@playwright/test';
import { apiUrl, demoKeys } from '../../demo-site/e2e/demo-keys.ts';

export { apiUrl };
export const hostOrigin = `http://127.0.0.1:${process.env.E2E_DEMO_PORT}`;

/** Opens the demo site's playground as the given user: the snippet a vendor pastes, on an allowed origin. */
export async function openHostPage(page: Page, user: Record<string, unknown>) {
  await page.goto(`${hostOrigin}/playground?user=${encodeURIComponent(JSON.stringify(user))}`);
}

export async function responsesSoFar(page: Page): Promise<number> {
  const answer = await page.request.get(`${apiUrl}/v1/scores`, { headers: { Authorization: `Bearer ${demoKeys().secretKey}` } });
  return (await answer.json()).responses as number;
}
