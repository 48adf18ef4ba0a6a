import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/test-app.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

describe('/openapi.json and /docs', () => {
  it('is a valid OpenAPI 3.1 document that covers every endpoint the app serves', async () => {
    const response = await testApp.app.request('/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toBe('3.1.0');
    await SwaggerParser.validate(structuredClone(document) as never);

    const documented = new Set(Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).filter((key) => key !== 'parameters').map((method) => `${method.toUpperCase()} ${path}`)));
    const served = new Set(
      testApp.app.routes
        .filter((route) => route.method !== 'ALL' && route.method !== 'OPTIONS' && route.path.startsWith('/v1/'))
        .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}').replace(/\/$/, '')}`),
    );
    expect(served.size).toBeGreaterThanOrEqual(12);
    expect([...served].filter((route) => !documented.has(route))).toEqual([]);
  });

  it('has a reference page a person can read', async () => {
    const response = await testApp.app.request('/docs');
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    for (const path of ['/v1/scores', '/v1/responses.csv', '/v1/surveys/{id}', '/v1/users/{userId}', '/v1/eligibility']) expect(page).toContain(`<code>${path}</code>`);
  });
});
