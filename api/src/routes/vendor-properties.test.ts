import { randomUUID } from 'node:crypto';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  encodeForUrl,
  type JsonSchema,
  type Operation,
  oddValue,
  type Pools,
  queryValue,
  spoilt,
  validValue,
} from '../../test/openapi-requests.ts';
import { expectStatus, newTestSite, postJson, startTestApp, type TestApp, teamDeps } from '../../test/test-app.ts';
import { webhookReceivers } from '../../test/webhook-receivers.ts';
import { createApp } from '../app.ts';
import type { Database } from '../db/client.ts';

/**
 * Every vendor endpoint the OpenAPI document lists, called with requests generated from the
 * document itself, valid and spoilt: never a 5xx, and every answer a status and a body the
 * document declares for it. Runs on whichever database the suite runs on.
 */

type Document = {
  paths: Record<string, Record<string, unknown> & { parameters?: Operation['parameters'] }>;
  components: { responses?: Record<string, Operation['responses'][string]> };
};

const runs = Number(process.env.TENPOINT_PROPERTY_RUNS ?? 60);
const seed = Number(process.env.TENPOINT_PROPERTY_SEED ?? 20261129);
const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The document as an app serves it, its references resolved: the generators below read schemas whole. */
const documentOf = async (app: { request(path: string): Response | Promise<Response> }) =>
  (await SwaggerParser.dereference((await (await app.request('/openapi.json')).json()) as never)) as unknown as Document;

// Listed from the document an app serves, before any database is at hand (serving it needs none);
// the test checks below that the app under test serves the same.
const listed = await documentOf(createApp({ db: {} as Database, now: () => new Date(), ...teamDeps({} as Database), widget: null }));
const vendorOperations = Object.entries(listed.paths).flatMap(([path, item]) =>
  methods
    .filter((method) => (item[method] as Operation | undefined)?.security?.some((scheme) => 'secretKey' in scheme))
    .map((method) => [`${method.toUpperCase()} ${path}`, path, method] as const),
);

let testApp: TestApp;
const receivers = webhookReceivers();
let served: Document;
const keys = { mine: '', theirs: '' };
/** Ids of the other site's surveys, webhooks and users: never answered 2xx with my key. */
const theirIds = new Set<string>();
let pools: Pools;

beforeAll(async () => {
  testApp = await startTestApp({ allowPrivateWebhooks: true });
  const hook = (await receivers.receiver()).url;
  await expectStatus(await testApp.app.request('/openapi.json'), 200);
  served = await documentOf(testApp.app);

  const ids: string[] = [];
  const userIds = ['u_fuzz', '.', '..', 'a/b', '%'];
  for (const side of ['mine', 'theirs'] as const) {
    const site = await newTestSite(testApp);
    keys[side] = site.secretKey;
    for (const [index, userId] of userIds.entries()) {
      const user = {
        userId: `${side === 'mine' ? '' : 'their-'}${userId}`,
        traits: { plan: 'pro', constructor: 'x' },
        account: { id: `acme-${side}`, traits: { tier: 'smb' } },
      };
      await expectStatus(
        await postJson(testApp, '/v1/responses', {
          siteKey: site.siteKey,
          id: randomUUID(),
          user,
          score: index * 2,
          comment: `comment ${index}`,
        }),
        201,
      );
    }
    const call = (path: string, body: unknown) =>
      testApp.app.request(path, {
        method: 'POST',
        headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const webhook = (await expectStatus(await call('/v1/webhooks', { url: hook, events: ['response.created'] }), 201)) as { id: string };
    const survey = (await expectStatus(await call('/v1/surveys', { type: 'csat', name: 'Support', productName: 'Acme' }), 201)) as {
      id: string;
    };
    ids.push(site.surveyId, survey.id, webhook.id);
    if (side === 'theirs')
      for (const id of [site.surveyId, survey.id, webhook.id, ...userIds.map((userId) => `their-${userId}`)]) theirIds.add(id);
  }
  pools = {
    uuids: ids,
    ids: [...ids, ...userIds, ...userIds.map((id) => `their-${id}`)],
    urls: [hook, hook.replace('127.0.0.1', 'localhost'), `${hook}?a=1#b`],
  };
});

afterAll(async () => {
  await receivers.closeAll();
  await testApp.close();
});

const ajv = new Ajv2020({ strict: false, allErrors: false });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();
function validatorOf(key: string, schema: JsonSchema) {
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  return validate;
}

interface Generated {
  path: string;
  query: Array<[string, string]>;
  body?: { text: string; contentType: string | null };
  auth: 'mine' | 'theirs' | 'none' | 'wrong';
}

function requests(path: string, operation: Operation, shared: Operation['parameters'] = []): fc.Arbitrary<Generated> {
  const parameters = [...shared, ...(operation.parameters ?? [])];
  const pathParameters = parameters.filter((parameter) => parameter.in === 'path');
  const queryParameters = parameters.filter((parameter) => parameter.in === 'query');
  const pathValue = fc.oneof(
    { arbitrary: fc.constantFrom(...pools.ids), weight: 4 },
    { arbitrary: fc.uuid(), weight: 1 },
    { arbitrary: oddValue.map((value) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''))), weight: 2 },
  );
  const pathArbitrary = fc
    .tuple(...pathParameters.map(() => pathValue))
    .map((values) =>
      pathParameters.reduce((built, parameter, index) => built.replace(`{${parameter.name}}`, encodeForUrl(values[index]!) || '%20'), path),
    );
  const traitNames = fc.constantFrom(
    'plan',
    'account.tier',
    'account.',
    '__proto__',
    'constructor',
    'toString',
    'x'.repeat(150),
    '\u0000',
    '',
    'a]b',
  );
  // A deepObject parameter (the trait filters) is sent as NAME[KEY]=VALUE, or in the dotted spelling also taken.
  const deepObjectKey = (parameter: string) =>
    fc.tuple(traitNames, fc.boolean()).map(([name, bracketed]) => (bracketed ? `${parameter}[${name}]` : `${parameter}.${name}`));
  const queryArbitrary = fc
    .tuple(
      ...queryParameters.map((parameter) =>
        parameter.style === 'deepObject'
          ? fc.option(fc.tuple(deepObjectKey(parameter.name), queryValue({ type: 'string' }, pools)), { freq: 2 })
          : fc.option(fc.tuple(fc.constant(parameter.name), queryValue(parameter.schema ?? {}, pools)), {
              freq: parameter.required ? 8 : 2,
            }),
      ),
    )
    .map((pairs) => pairs.filter((pair): pair is [string, string] => pair !== null));
  const schema = operation.requestBody?.content['application/json']?.schema;
  const bodyArbitrary = schema
    ? fc.record({
        text: fc.oneof(
          { arbitrary: validValue(schema, pools).map((value) => JSON.stringify(value)), weight: 3 },
          {
            arbitrary: validValue(schema, pools)
              .chain(spoilt)
              .map((value) => JSON.stringify(value) ?? 'null'),
            weight: 3,
          },
          {
            arbitrary: fc.constantFrom(
              '',
              '{',
              'null',
              '[]',
              '"x"',
              '{"__proto__":{"polluted":true}}',
              '{"constructor":{"prototype":{"polluted":true}}}',
              `{"a":${'['.repeat(3000)}${']'.repeat(3000)}}`,
            ),
            weight: 1,
          },
        ),
        contentType: fc.oneof(
          { arbitrary: fc.constant('application/json'), weight: 8 },
          { arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', null), weight: 1 },
        ),
      })
    : fc.constant(undefined);
  const auth = fc.oneof(
    { arbitrary: fc.constant('mine' as const), weight: 12 },
    { arbitrary: fc.constantFrom('theirs' as const, 'none' as const, 'wrong' as const), weight: 1 },
  );
  return fc
    .record({ path: pathArbitrary, query: queryArbitrary, body: bodyArbitrary, auth })
    .map(({ body, ...rest }) => (body ? { ...rest, body } : rest));
}

const decodeOrKeep = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

function send(method: string, generated: Generated) {
  const query = generated.query.map(([name, value]) => `${encodeForUrl(name)}=${encodeForUrl(value)}`).join('&');
  const key = { mine: keys.mine, theirs: keys.theirs, none: '', wrong: 'sk_not_a_key_of_anyone' }[generated.auth];
  const headers: Record<string, string> = key ? { Authorization: `Bearer ${key}` } : {};
  if (generated.body?.contentType) headers['Content-Type'] = generated.body.contentType;
  return testApp.app.request(`${generated.path}${query ? `?${query}` : ''}`, {
    method: method.toUpperCase(),
    headers,
    ...(generated.body ? { body: generated.body.text } : {}),
  });
}

/** What is wrong with an answer, measured against the document; nothing when it is as declared. */
function problemOf(path: string, method: string, operation: Operation, response: Response, text: string): string | null {
  const status = response.status;
  const said = `${status} ${text.slice(0, 300)}`;
  if (status >= 500) return `a ${status}: ${said}`;
  let declared = operation.responses[String(status)] ?? operation.responses.default;
  if (!declared) return `status ${status} is not in the document: ${said}`;
  if (declared.$ref) declared = served.components.responses![declared.$ref.split('/').pop()!]!;
  if (!declared.content) return text === '' ? null : `a body the document does not declare: ${said}`;
  const mediaType = response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
  const media = declared.content[mediaType];
  if (!media) return `Content-Type ${mediaType} is not declared (${Object.keys(declared.content).join(', ')}): ${said}`;
  if (mediaType !== 'application/json') return null;
  if (!media.schema) return `no schema declared for ${status}: ${said}`;
  const validate = validatorOf(`${method} ${path} ${status}`, media.schema);
  if (validate(JSON.parse(text))) return null;
  return `the body does not match the declared schema (${ajv.errorsText(validate.errors)}): ${said}`;
}

describe('every vendor endpoint in /openapi.json, called with generated requests', () => {
  it('lists the same operations as the document the app serves', () => {
    expect(vendorOperations.length).toBeGreaterThanOrEqual(15);
    for (const [, path, method] of vendorOperations) expect(served.paths[path]?.[method], `${method} ${path}`).toBeDefined();
  });

  it.each(vendorOperations)(
    '%s answers no 5xx, only documented statuses, each body in its declared schema',
    async (_label, path, method) => {
      const item = served.paths[path]!;
      const operation = item[method] as Operation;
      await fc.assert(
        fc.asyncProperty(requests(path, operation, item.parameters), async (generated) => {
          const response = await send(method, generated);
          const text = await response.text();
          const problem = problemOf(path, method, operation, response, text);
          const named = [...generated.path.split('/').map(decodeOrKeep), ...generated.query.map(([, value]) => value)];
          if (generated.auth === 'mine' && response.ok && named.some((value) => theirIds.has(value))) {
            throw new Error(
              `${method.toUpperCase()} ${generated.path} answered ${response.status} about another site's data: ${text.slice(0, 200)}`,
            );
          }
          if (problem)
            throw new Error(
              `${method.toUpperCase()} ${path}` +
                (generated.query.length ? ` ?${generated.query.map((pair) => pair.join('=')).join('&')}` : '') +
                ` → ${problem}`,
            );
          // An answer that hands out a new secret key (a rotation) makes it the one that works from now on.
          const secretKey =
            response.ok && generated.auth !== 'wrong' && generated.auth !== 'none' && text.startsWith('{')
              ? (JSON.parse(text) as { secretKey?: unknown }).secretKey
              : undefined;
          if (typeof secretKey === 'string' && (generated.auth === 'mine' || generated.auth === 'theirs')) keys[generated.auth] = secretKey;
        }),
        { numRuns: runs, seed, endOnFailure: true },
      );
      expect(Object.keys(Object.prototype)).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );
});
