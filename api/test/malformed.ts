import { randomUUID } from 'node:crypto';

/** A small seeded generator (mulberry32), so that a failing request can be made again. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

export type Random = ReturnType<typeof seededRandom>;
type Json = Record<string, unknown>;

/** Values that are the wrong type, shape or size for some field or other. */
export const oddValues: readonly unknown[] = [
  null,
  0,
  -1,
  1.5,
  1e308,
  true,
  '',
  ' ',
  'x'.repeat(6000),
  [],
  [1, 2],
  {},
  { a: { b: 1 } },
  '\ud800',
  '🙂'.repeat(300),
  'pk_ＡＢＣＤＥＦＧＨＩ',
  '<script>alert(1)</script>',
  '2025-02-30',
  -86400,
  1e15,
  '0000-01-01T00:00:00Z',
  'not-a-uuid',
  '00000000-0000-0000-0000-00000000000g',
  'javascript:alert(1)',
  'NaN',
];

function setPath(body: Json, path: string[], value: unknown): Json {
  const copy = structuredClone(body);
  let node: Json = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Json;
  }
  const last = path.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/** Every field given every odd value, and every field left out: the systematic part of a barrage. */
export function everyFieldVariant(valid: Json, paths: string[][]): Malformed[] {
  return paths.flatMap((path) => [
    { label: `without ${path.join('.')}`, body: JSON.stringify(setPath(valid, path, undefined)) },
    ...oddValues.map((value) => ({
      label: `${path.join('.')} = ${JSON.stringify(value)?.slice(0, 40)}`,
      body: JSON.stringify(setPath(valid, path, value)),
    })),
  ]);
}

export interface Malformed {
  label: string;
  body: string;
  contentType?: string;
  origin?: string;
}

/**
 * One malformed variant of a valid body: a field dropped or given a wrong value, broken JSON,
 * a body too large or too deep, or keys and ids of nobody or of another site.
 */
export function malformedVariant(
  random: Random,
  valid: Json,
  paths: string[][],
  others: { siteKey: string; surveyId: string; origin: string },
): Malformed {
  const kind = random.pick(['field', 'field', 'field', 'missing', 'json', 'size', 'depth', 'strangers', 'nul', 'contentType'] as const);
  switch (kind) {
    case 'field': {
      const path = random.pick(paths);
      const value = random.pick(oddValues);
      return { label: `${path.join('.')} = ${JSON.stringify(value)?.slice(0, 40)}`, body: JSON.stringify(setPath(valid, path, value)) };
    }
    case 'missing': {
      const path = random.pick(paths.filter((candidate) => ['siteKey', 'user', 'userId', 'id', 'score'].includes(candidate.at(-1)!)));
      return { label: `without ${path.join('.')}`, body: JSON.stringify(setPath(valid, path, undefined)) };
    }
    case 'json': {
      const text = JSON.stringify(valid);
      const broken = random.pick([
        text.slice(0, Math.floor(random.next() * text.length)),
        `\ufeff${text}`,
        text.replace('{', '['),
        `${text}}`,
        text.replaceAll('"', "'"),
        'null',
        '[]',
        '42',
        '"hello"',
        '',
        '{"siteKey":',
        text.replace(/:/, ':NaN,"x":'),
      ]);
      return { label: `broken JSON ${JSON.stringify(broken.slice(0, 30))}`, body: broken };
    }
    case 'size': {
      const path = random.pick([['comment'], ['user', 'traits', 'note'], ['user', 'userId'], ['padding']]);
      return { label: `${path.join('.')} of 20,000 characters`, body: JSON.stringify(setPath(valid, path, 'x'.repeat(20_000))) };
    }
    case 'depth': {
      const depth = 2000 + Math.floor(random.next() * 5000);
      const text = JSON.stringify(setPath(valid, ['user', 'traits'], 'DEEP')).replace('"DEEP"', deepArray(depth));
      return { label: `traits nested ${depth} deep`, body: text };
    }
    case 'strangers': {
      const which = random.pick(['unknownKey', 'otherKey', 'otherSurvey', 'unknownSurvey', 'otherOrigin'] as const);
      if (which === 'unknownKey')
        return { label: 'unknown site key', body: JSON.stringify({ ...valid, siteKey: `pk_${randomUUID().replaceAll('-', '')}` }) };
      if (which === 'otherKey') return { label: "another site's key", body: JSON.stringify({ ...valid, siteKey: others.siteKey }) };
      if (which === 'otherSurvey') return { label: "another site's survey", body: JSON.stringify({ ...valid, surveyId: others.surveyId }) };
      if (which === 'unknownSurvey') return { label: 'unknown survey', body: JSON.stringify({ ...valid, surveyId: randomUUID() }) };
      return { label: "another site's origin", body: JSON.stringify(valid), origin: others.origin };
    }
    case 'nul': {
      const path = random.pick(paths.filter((candidate) => ['userId', 'comment', 'siteKey'].includes(candidate.at(-1)!)));
      const text = random.pick(['a\u0000b', 'a\ud800b', '\udfff']);
      return { label: `${JSON.stringify(text)} in ${path.join('.')}`, body: JSON.stringify(setPath(valid, path, text)) };
    }
    case 'contentType': {
      const form = new URLSearchParams({ siteKey: String(valid.siteKey), score: '9' }).toString();
      return { label: 'a form instead of JSON', body: form, contentType: 'application/x-www-form-urlencoded' };
    }
  }
}
