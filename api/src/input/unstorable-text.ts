import { ApiError } from '../errors.ts';

// Postgres text cannot hold U+0000, and half of a surrogate pair has no UTF-8 encoding.
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorableEverywhere = new RegExp(unstorable.source, 'g');

export const isUnstorable = (text: string) => unstorable.test(text);

/** A name as a message can show it: the characters at fault written as `\u0000`. */
export const printable = (text: string) =>
  text.replace(unstorableEverywhere, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);

const refusal = 'must be well-formed Unicode text without the character U+0000';

/** Refuses a string that Postgres could not store, naming the field it came in. */
export function refuseUnstorable(field: string, value: string): void {
  if (isUnstorable(value)) throw new ApiError('invalid_request', `${printable(field)}: ${refusal}`);
}

interface Node {
  value: unknown;
  key: string;
  parent: Node | null;
}

const fieldOf = (node: Node | null) => {
  const path: string[] = [];
  for (let at = node; at?.parent; at = at.parent) path.unshift(at.key);
  return path.length ? path.join('.') : 'body';
};

/** Refuses a parsed JSON value holding such a string, as a value or as a key, naming where it is. */
export function refuseUnstorableJson(root: unknown): void {
  // A list of nodes rather than recursion: a 16 KB body can nest thousands deep.
  const pending: Node[] = [{ value: root, key: '', parent: null }];
  while (pending.length) {
    const node = pending.pop()!;
    const { value } = node;
    if (typeof value === 'string') refuseUnstorable(fieldOf(node), value);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (isUnstorable(key)) throw new ApiError('invalid_request', `${fieldOf(node)}: the key "${printable(key)}" ${refusal}`);
        pending.push({ value: item, key, parent: node });
      }
    }
  }
}
