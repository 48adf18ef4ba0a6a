import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { type CookieJar, consoleRequest } from '../../test/console-session.ts';
import { expectStatus, postJson, sendWithKey, type TestApp } from '../../test/test-app.ts';

/** Test helpers for the follow-up tests: responses given through the widget call, vendor calls by key or session. */
export function followUpKit(testApp: TestApp) {
  async function respond(
    siteKey: string,
    score: number,
    extra: { comment?: string; email?: string; userId?: string; traits?: object } = {},
  ) {
    const id = randomUUID();
    const user = {
      userId: extra.userId ?? `u_${randomUUID().slice(0, 8)}`,
      ...(extra.email ? { email: extra.email } : {}),
      ...(extra.traits ? { traits: extra.traits } : {}),
      account: { id: 'acme' },
    };
    const body = { siteKey, id, user, score, ...(extra.comment ? { comment: extra.comment } : {}) };
    await expectStatus(await postJson(testApp, '/v1/responses', body), 201);
    return { id, userId: user.userId };
  }
  const byKey = (secretKey: string) => (method: string, path: string, body?: unknown) =>
    sendWithKey(testApp, method, path, secretKey, body);
  const bySession = (jar: CookieJar, siteId: string) => (method: string, path: string, body?: unknown) =>
    consoleRequest(testApp, jar, method, path, body, { 'Tenpoint-Site': siteId });
  async function ok(response: Response, status = 200) {
    const text = await response.text();
    expect(response.status, text).toBe(status);
    return JSON.parse(text) as Record<string, unknown> & { [key: string]: never };
  }
  return { respond, byKey, bySession, ok };
}
