import type { z } from 'zod';
import { defOf, isObject, objectSchemaOf } from './unknown-keys.ts';

const protoKey = '__proto__';

/**
 * zod builds a record by assigning each key to `{}`, where `__proto__` sets the prototype instead
 * (a string value is dropped unseen). The contract promises any trait name, `__proto__` too: this
 * puts back, as an own key of `parsed`, each `__proto__` key of `raw` that a record of `schema`
 * validates, at any depth.
 */
export function keepProtoKeys<T>(schema: z.ZodType, raw: unknown, parsed: T): T {
  if (!isObject(raw) || !isObject(parsed)) return parsed;
  const def = defOf(objectSchemaOf(schema));
  if (def.type === 'object' && def.shape) {
    for (const [key, item] of Object.entries(def.shape)) {
      if (Object.hasOwn(raw, key) && Object.hasOwn(parsed, key)) keepProtoKeys(item, raw[key], parsed[key]);
    }
  }
  if (def.type === 'record' && def.valueType) {
    for (const key of Object.keys(parsed)) keepProtoKeys(def.valueType, raw[key], parsed[key]);
    if (Object.hasOwn(raw, protoKey) && !Object.hasOwn(parsed, protoKey)) {
      const value = def.valueType.safeParse(raw[protoKey]);
      if (value.success) {
        const kept = keepProtoKeys(def.valueType, raw[protoKey], value.data);
        Object.defineProperty(parsed, protoKey, { value: kept, enumerable: true, writable: true, configurable: true });
      }
    }
  }
  return parsed;
}
