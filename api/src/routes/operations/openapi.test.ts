import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, newTestSite, postJson, startTestApp, type TestApp } from '../../../test/test-app.ts';
import { queryRows, type RawRow } from '../../db/query-rows.ts';
import { deliveryBody } from '../../webhooks/delivery-worker.ts';

type Parameter = { name: string; in: string; description?: string };
type Answer = { description?: string; headers?: Record<string, unknown>; content?: Record<string, { schema?: unknown }> };
type Operation = {
  operationId?: string;
  tags?: string[];
  summary?: string;
  description?: string;
  security?: Array<Record<string, unknown>>;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, Answer>;
};
type Document = {
  openapi: string;
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
  webhooks: Record<string, { post: Operation }>;
  components: { schemas: Record<string, unknown> };
};

let testApp: TestApp;
let document: Document;
beforeAll(async () => {
  testApp = await startTestApp({ allowPrivateWebhooks: true });
  document = (await expectStatus(await testApp.app.request('http://127.0.0.1:8787/openapi.json'), 200)) as Document;
});
afterAll(() => testApp.close());

const operations = () =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ label: `${method.toUpperCase()} ${path}`, path, method, operation })),
  );

describe('/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document that covers every endpoint the app serves', async () => {
    expect(document.openapi).toBe('3.1.0');
    await SwaggerParser.validate(structuredClone(document) as never);

    const documented = new Set(operations().map(({ label }) => label));
    const served = new Set(
      testApp.app.routes
        .filter((route) => route.method !== 'ALL' && route.method !== 'OPTIONS' && route.path.startsWith('/v1/'))
        .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}').replace(/\/$/, '')}`),
    );
    expect(served.size).toBeGreaterThanOrEqual(12);
    expect([...served].filter((route) => !documented.has(route))).toEqual([]);
    // And nothing is documented that is not served.
    expect([...documented].filter((route) => route.includes(' /v1/') && !served.has(route))).toEqual([]);
  });

  it('names the API that served it as its server', () => {
    expect(document.servers).toEqual([expect.objectContaining({ url: 'http://127.0.0.1:8787' })]);
  });

  it('gives every operation and webhook an operationId, a summary and a description, and every parameter a description', () => {
    const all = [
      ...operations(),
      ...Object.entries(document.webhooks).map(([event, item]) => ({ label: `webhook ${event}`, operation: item.post })),
    ];
    const ids = all.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(all.length);
    for (const { label, operation } of all) {
      expect(operation.operationId, label).toMatch(/^[a-z][A-Za-z]+$/);
      expect(operation.summary, label).toBeTruthy();
      expect(operation.description, label).toBeTruthy();
      for (const parameter of operation.parameters ?? []) expect(parameter.description, `${label} ${parameter.name}`).toBeTruthy();
    }
  });

  it('declares the errors every endpoint can send, 429 and 503 with Retry-After', () => {
    for (const { label, method, operation } of operations()) {
      const statuses = Object.keys(operation.responses);
      const isVendor = operation.security?.some((scheme) => 'secretKey' in scheme) ?? false;
      const isWidget = operation.tags?.includes('Widget') ?? false;
      const isMember = operation.security?.some((scheme) => 'session' in scheme) ?? false;
      const isPublicAccount = operation.security?.length === 0 && operation.tags?.includes('Account');
      if (isVendor || isWidget || isMember) expect(statuses, label).toEqual(expect.arrayContaining(['400', '401', '429', '503']));
      if (isVendor) expect(statuses, label).toContain('403');
      if (isPublicAccount) expect(statuses, label).toEqual(expect.arrayContaining(['400', '403', '429', '503']));
      if (isPublicAccount && operation.requestBody) expect(statuses, label).toEqual(expect.arrayContaining(['413', '415']));
      if (isWidget) expect(statuses, label).toEqual(expect.arrayContaining(['403', '413']));
      if (isVendor && method !== 'get') expect(statuses, label).toContain('413');
      if (isVendor && operation.requestBody) expect(statuses, label).toContain('415');
      for (const status of ['429', '503']) {
        if (operation.responses[status])
          expect(Object.keys(operation.responses[status].headers ?? {}), `${label} ${status}`).toContain('Retry-After');
      }
      for (const [status, answer] of Object.entries(operation.responses)) {
        if (Number(status) >= 400)
          expect(answer.content?.['application/json']?.schema, `${label} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
      }
    }
  });

  it('gives every answer with a body a schema, named in components', () => {
    for (const { label, operation } of operations()) {
      for (const [status, answer] of Object.entries(operation.responses)) {
        if (!answer.content) {
          expect(['202', '204'], `${label} ${status} has no body`).toContain(status);
          continue;
        }
        for (const [mediaType, media] of Object.entries(answer.content)) {
          if (mediaType === 'application/json')
            expect(media.schema, `${label} ${status}`).toEqual({ $ref: expect.stringMatching(/^#\/components\/schemas\/[A-Z]\w+$/) });
          else expect(media.schema, `${label} ${status} ${mediaType}`).toBeDefined();
        }
      }
    }
  });

  it('declares widget bodies as JSON in text/plain or application/json, an import as text/csv, other bodies as JSON', () => {
    for (const { label, path, operation } of operations()) {
      if (!operation.requestBody) continue;
      const mediaTypes = Object.keys(operation.requestBody.content).sort();
      const isWidget =
        ['/v1/eligibility', '/v1/impressions', '/v1/responses', '/v1/declines'].includes(path) && operation.security?.length === 0;
      const expected = isWidget
        ? ['application/json', 'text/plain']
        : path === '/v1/imports/responses'
          ? ['text/csv']
          : ['application/json'];
      expect(mediaTypes, label).toEqual(expected);
    }
  });

  it('bounds a response score to the widest scale, which the survey narrows', () => {
    const schemas = document.components?.schemas as Record<string, { properties: Record<string, Record<string, unknown>> }>;
    expect(schemas.ResponseRequest!.properties.score).toMatchObject({ type: 'integer', minimum: 0, maximum: 10 });
  });

  it('describes the scores answer as a union on type', () => {
    expect(document.components.schemas.Scores).toMatchObject({
      oneOf: [
        { $ref: '#/components/schemas/NpsScores' },
        { $ref: '#/components/schemas/CsatScores' },
        { $ref: '#/components/schemas/CesScores' },
      ],
      discriminator: { propertyName: 'type' },
    });
  });
});

describe('the webhooks of /openapi.json', () => {
  let receiver: Server;
  const received: Array<{ event: string; body: unknown }> = [];
  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let text = '';
      request
        .on('data', (chunk) => (text += chunk))
        .on('end', () => {
          received.push({ event: String(request.headers['tenpoint-event']), body: JSON.parse(text) });
          response.end('ok');
        });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise((resolve) => receiver.close(resolve)));

  it('describe every event a subscription receives, as the deliveries really are', async () => {
    expect(Object.keys(document.webhooks).sort()).toEqual([
      'decline.created',
      'response.assigned',
      'response.closed',
      'response.created',
      'response.updated',
      'webhook.test',
    ]);
    const site = await newTestSite(testApp);
    const headers = { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' };
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const events = ['response.created', 'response.updated', 'decline.created'];
    const webhook = (await expectStatus(
      await testApp.app.request('/v1/webhooks', { method: 'POST', headers, body: JSON.stringify({ url, events }) }),
      201,
    )) as { id: string };
    const user = { userId: 'u_hook', traits: { plan: 'pro' }, account: { id: 'acme', traits: { tier: 'smb' } } };
    const id = randomUUID();
    await expectStatus(await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id, user, score: 9 }), 201);
    await expectStatus(await postJson(testApp, '/v1/responses', { siteKey: site.siteKey, id, user, score: 9, comment: 'Quick.' }), 200);
    await expectStatus(await postJson(testApp, '/v1/declines', { siteKey: site.siteKey, user: { userId: 'u_other' } }), 202);
    await expectStatus(await testApp.app.request(`/v1/webhooks/${webhook.id}/test`, { method: 'POST', headers }), 200);

    // What the delivery worker would send for each queued event, and what the test send sent.
    type Queued = { id: string; event: string; payload: Record<string, unknown>; created_at: Date };
    const queued = (await queryRows(
      testApp.db,
      sql`select id, event, payload, created_at from webhook_deliveries where webhook_id = ${webhook.id}`,
      (row): RawRow => row,
    )) as Queued[];
    const bodies = [
      ...queued.map((row) => ({ event: row.event, body: JSON.parse(deliveryBody({ ...row, format: 'event' })) as unknown })),
      ...received,
    ];
    expect(bodies.map(({ event }) => event).sort()).toEqual([...events, 'webhook.test'].sort());

    const dereferenced = (await SwaggerParser.dereference(structuredClone(document) as never)) as unknown as Document;
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    for (const { event, body } of bodies) {
      const schema = (dereferenced.webhooks[event]!.post.requestBody!.content['application/json'] as { schema: object }).schema;
      const validate = ajv.compile(schema);
      expect(validate(body), `${event}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(body)}`).toBe(true);
    }
  });
});

describe('/docs', () => {
  it('is the reference page, its renderer served by this API and nothing loaded from elsewhere', async () => {
    const response = await testApp.app.request('/docs');
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain('spec-url="/openapi.json"');
    const scripts = [...page.matchAll(/<script[^>]*src="([^"]+)"/g)].map((match) => match[1]!);
    expect(scripts).toEqual(['/docs/redoc.standalone.js']);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    // The browser is told to load nothing from elsewhere (the renderer would fetch its logo).
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy.split(';').filter((directive) => /https?:|\*/.test(directive))).toEqual([]);

    const script = await testApp.app.request(scripts[0]!, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });
});
