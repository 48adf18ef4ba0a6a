import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

export const apiUrl = `http://127.0.0.1:${process.env.E2E_API_PORT}`;
export const hostOrigin = `http://127.0.0.1:${process.env.E2E_DEMO_PORT}`;

export function demoKeys(): { siteKey: string; secretKey: string; surveyId: string } {
  return JSON.parse(readFileSync(join(process.env.E2E_DATA_DIR!, 'demo-site.json'), 'utf8'));
}

/** Opens the demo site's playground as the given user: the snippet a vendor pastes, on an allowed origin. */
export async function openHostPage(page: Page, user: Record<string, unknown>) {
  await page.goto(`${hostOrigin}/playground?user=${encodeURIComponent(JSON.stringify(user))}`);
}

export async function responsesSoFar(page: Page): Promise<number> {
  const answer = await page.request.get(`${apiUrl}/v1/scores`, { headers: { Authorization: `Bearer ${demoKeys().secretKey}` } });
  return (await answer.json()).responses as number;
}
