import type { z } from 'zod';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  valueType?: z.ZodType;
  element?: z.ZodType;
  in?: z.ZodType;
}

export const defOf = (schema: z.ZodType) => (schema as unknown as { def: Def }).def;

/** The object schema a value meets at this point, looking through defaults, optionals and the like. */
export function objectSchemaOf(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let def = defOf(current); ; def = defOf(current)) {
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!inner) return current;
    current = inner;
  }
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The first key of `value`, at any depth, that `schema` does not know, as a path (`throttle.dayz`),
 * with the keys known there; zod drops such keys silently, so a misspelt setting would change nothing.
 */
export function findUnknownKey(schema: z.ZodType, value: unknown): { path: string[]; known: string[] } | null {
  const def = defOf(objectSchemaOf(schema));
  if (def.type === 'object' && def.shape && isObject(value)) {
    const shape = def.shape;
    for (const [key, item] of Object.entries(value)) {
      if (!Object.hasOwn(shape, key)) return { path: [key], known: Object.keys(shape) };
      const found = findUnknownKey(shape[key]!, item);
      if (found) return { ...found, path: [key, ...found.path] };
    }
  }
  if (def.type === 'record' && def.valueType && isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const found = findUnknownKey(def.valueType, item);
      if (found) return { ...found, path: [key, ...found.path] };
    }
  }
  if (def.type === 'array' && def.element && Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnknownKey(def.element, item);
      if (found) return { ...found, path: [String(index), ...found.path] };
    }
  }
  return null;
}
