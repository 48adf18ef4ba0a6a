import type { APIRequestContext, Page } from '@playwright/test';
import { apiUrl, demoKeys } from '../../demo-site/e2e/demo-keys.ts';

export { apiUrl };
export const hostOrigin = `http://127.0.0.1:${process.env.E2E_DEMO_PORT}`;

/** Opens the demo site's playground as the given user: the snippet a vendor pastes, on an allowed origin. */
export async function openHostPage(page: Page, user: Record<string, unknown>, options: { survey?: string; csp?: 'strict'; run?: 'no'; siteKey?: string; tenpoint_debug?: '1' } = {}) {
  const query = new URLSearchParams({ user: JSON.stringify(user), ...options });
  await page.goto(`${hostOrigin}/playground?${query}`);
}

/** A survey of the demo site's own for one test, so that its settings touch no other test. */
export async function createSurvey(request: APIRequestContext, body: { type: 'nps' | 'csat' | 'ces'; settings?: object }): Promise<string> {
  const answer = await request.post(`${apiUrl}/v1/surveys`, {
    headers: { Authorization: `Bearer ${demoKeys().secretKey}` },
    data: { name: `E2E ${body.type}`, productName: 'Ledgerly', ...body },
  });
  if (answer.status() !== 201) throw new Error(`creating a survey: ${answer.status()} ${await answer.text()}`);
  return ((await answer.json()) as { id: string }).id;
}

export async function scoresOf(request: APIRequestContext, surveyId: string): Promise<{ responses: number; impressions: number }> {
  const answer = await request.get(`${apiUrl}/v1/scores?surveyId=${surveyId}`, { headers: { Authorization: `Bearer ${demoKeys().secretKey}` } });
  return answer.json();
}

export async function responsesSoFar(page: Page): Promise<number> {
  const answer = await page.request.get(`${apiUrl}/v1/scores`, { headers: { Authorization: `Bearer ${demoKeys().secretKey}` } });
  return (await answer.json()).responses as number;
}
