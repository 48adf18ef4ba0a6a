import fc from 'fast-check';

/** A JSON Schema as the OpenAPI document holds it (2020-12). */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  examples?: unknown[];
};

export interface Operation {
  parameters?: Array<{ name: string; in: string; required?: boolean; style?: string; schema?: JsonSchema }>;
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: JsonSchema }> }>;
  security?: Array<Record<string, unknown>>;
}

/** What a generated request may use besides what the schema says: ids that exist, here and on another site. */
export interface Pools {
  /** Ids of surveys, webhooks and the like, here and on another site. */
  uuids: string[];
  /** Every id a path may name: the uuids and user ids. */
  ids: string[];
  urls: string[];
}

const oddStrings = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '🙂'.repeat(300),
  '\u202e\u200b\ufeff',
  'x'.repeat(5000),
  '__proto__',
  'constructor',
  'prototype',
  '../..',
  '%',
  '%00',
  '0001-01-01',
  '9999-12-31',
  '+275760-09-13T00:00:00.000Z',
  '2026-02-30',
  '1899-12-31T23:59:59Z',
  'NaN',
  '-1',
  '1e308',
  'true',
  'null',
  '<script>alert(1)</script>',
  "' or 1=1 --",
  'javascript:alert(1)',
];

/** Values of the wrong type, shape, size or text for any field. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...oddStrings),
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    [],
    [null],
    {},
    { __proto__: null, constructor: 1 },
  ),
  fc.string({ maxLength: 30, unit: 'binary' }),
  fc.jsonValue({ maxDepth: 2 }),
);

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const dates = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true });

function stringOf(schema: JsonSchema, pools: Pools): fc.Arbitrary<string> {
  if (schema.format === 'uuid')
    return fc.oneof({ arbitrary: fc.constantFrom(...pools.uuids), weight: 3 }, { arbitrary: fc.uuid(), weight: 1 });
  if (schema.format === 'date') return dates.map(isoDay);
  if (schema.format === 'date-time') return dates.map((date) => date.toISOString());
  if (schema.format === 'uri') return fc.constantFrom(...pools.urls);
  if (schema.format === 'email') return fc.emailAddress();
  const maxLength = Math.min(schema.maxLength ?? 40, 60);
  if (schema.pattern)
    return fc
      .stringMatching(new RegExp(schema.pattern))
      .filter((text) => text.length <= (schema.maxLength ?? Infinity) && text.length >= (schema.minLength ?? 0));
  return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.max(maxLength, schema.minLength ?? 0), unit: 'grapheme' });
}

/** Values that meet `schema`, as far as a JSON Schema can say (refinements beyond it may still refuse some). */
export function validValue(schema: JsonSchema, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  // The document's examples name what no schema can (a time zone), so they come up often.
  if (schema.examples?.length) {
    const { examples, ...rest } = schema;
    return fc.oneof({ arbitrary: fc.constantFrom(...examples), weight: 3 }, { arbitrary: validValue(rest, pools, depth), weight: 1 });
  }
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((choice) => validValue(choice, pools, depth)));
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length > 1) return fc.oneof(...types.map((type) => validValue({ ...schema, type }, pools, depth)));
  switch (types[0]) {
    case 'string':
      return stringOf(schema, pools);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? (schema.exclusiveMinimum ?? -1001) + 1, max: schema.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(validValue(schema.items ?? {}, pools, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
      });
    case 'object': {
      if (depth > 4) return fc.constant({});
      const properties = schema.properties ?? {};
      const known = fc.record(
        Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, validValue(property, pools, depth + 1)])),
        { requiredKeys: schema.required ?? [] },
      );
      if (typeof schema.additionalProperties !== 'object') return known;
      const names = schema.propertyNames
        ? stringOf({ type: 'string', ...schema.propertyNames }, pools)
        : fc.string({ minLength: 1, maxLength: 12 });
      const extra = fc.dictionary(names, validValue(schema.additionalProperties, pools, depth + 1), { maxKeys: 3 });
      return fc.tuple(known, extra).map(([fields, more]) => ({ ...more, ...fields }));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

type Json = Record<string, unknown>;

/** `value` with one part made odd: a field replaced, a key added (prototype keys included), or the whole. */
export function spoilt(value: unknown): fc.Arbitrary<unknown> {
  const keys = fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '\u0000', '\ud800', 'x'.repeat(200)),
    fc.string({ maxLength: 10 }),
  );
  return fc.tuple(fc.nat(), fc.constantFrom('replace', 'add', 'whole'), keys, oddValue).map(([pick, how, key, odd]) => {
    if (how === 'whole' || typeof value !== 'object' || value === null) return odd;
    const copy = structuredClone(value) as Json;
    const nodes: Json[] = [];
    const visit = (node: unknown) => {
      if (typeof node !== 'object' || node === null) return;
      nodes.push(node as Json);
      Object.values(node).forEach(visit);
    };
    visit(copy);
    const node = nodes[pick % nodes.length]!;
    const names = Object.keys(node);
    // defineProperty: a key named __proto__ must become a field of the JSON, not the object's prototype.
    const name = how === 'replace' && names.length ? names[pick % names.length]! : key;
    Object.defineProperty(node, name, { value: odd, enumerable: true, configurable: true, writable: true });
    return copy;
  });
}

/** Percent-encodes text for a URL, writing half a surrogate pair as the bytes a careless client would send. */
export function encodeForUrl(text: string): string {
  return Array.from(text, (character) => {
    try {
      return encodeURIComponent(character);
    } catch {
      return '%ED%A0%80';
    }
  }).join('');
}

/** A query parameter's value: one the schema allows, or an odd one. */
export function queryValue(schema: JsonSchema, pools: Pools): fc.Arbitrary<string> {
  const valid = validValue(schema, pools).map((value) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? '')));
  return fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: fc.constantFrom(...oddStrings), weight: 1 });
}
