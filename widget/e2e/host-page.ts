import type { APIRequestContext, Page } from '@playwright/test';
import { apiUrl, demoKeys } from '../../demo-site/e2e/demo-keys.ts';

export { apiUrl };
/** Where fixture-server.ts serves the test pages: an origin of their own, as a vendor's app has. */
export const hostOrigin = `http://127.0.0.1:${process.env.E2E_HOST_PORT}`;

let originAllowed: Promise<void> | undefined;

/** Allows the test pages' origin on the site, as a vendor does once for their app (POST /v1/site/origins). */
export function allowHostOrigin(): Promise<void> {
  // Node's fetch, not the page's: the tests watch the page's requests.
  originAllowed ??= fetch(`${apiUrl}/v1/site/origins`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${demoKeys().secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ origin: hostOrigin }),
  }).then(async (answer) => {
    if (!answer.ok) throw new Error(`allowing ${hostOrigin}: ${answer.status} ${await answer.text()}`);
  });
  return originAllowed;
}

/**
 * Opens a vendor's page (fixtures/host.html) as the given user: the snippet and script tag a vendor
 * pastes, loading the built widget from the API, with the demo site's key unless another is given.
 */
export async function openHostPage(
  page: Page,
  user: Record<string, unknown>,
  options: { survey?: string; csp?: 'strict'; run?: 'no'; siteKey?: string; tenpoint_debug?: '1' } = {},
) {
  await allowHostOrigin();
  const query = new URLSearchParams({ user: JSON.stringify(user), ...options, siteKey: options.siteKey ?? demoKeys().siteKey });
  await page.goto(`${hostOrigin}/host?${query}`);
}

/** Opens fixtures/npm.html: an app that installed the npm package, with the demo site's key in `window.app`. */
export async function openPackagePage(page: Page, policy: { csp?: 'strict'; trustedTypes?: '1' } = {}) {
  await allowHostOrigin();
  await page.goto(`${hostOrigin}/npm?${new URLSearchParams({ siteKey: demoKeys().siteKey, ...policy })}`);
  await page.waitForFunction(() => 'app' in window);
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
  const answer = await request.get(`${apiUrl}/v1/scores?surveyId=${surveyId}`, {
    headers: { Authorization: `Bearer ${demoKeys().secretKey}` },
  });
  return answer.json();
}

export async function responsesSoFar(page: Page): Promise<number> {
  const answer = await page.request.get(`${apiUrl}/v1/scores`, { headers: { Authorization: `Bearer ${demoKeys().secretKey}` } });
  return (await answer.json()).responses as number;
}
