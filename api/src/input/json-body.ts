import { describeZodError } from '@tenpoint/shared';
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from '../errors.ts';
import { refuseUnstorableJson } from './unstorable-text.ts';

// Only a body holding an escape can decode to U+0000 or half a surrogate pair (a raw control
// character is invalid JSON, and the UTF-8 decoder never yields half a pair): the rest skip the walk.
const mayHoldUnstorable = /\\u/;

/** A request body as JSON: valid, not absurdly deep, and holding only text Postgres can store. */
export function parseJsonText(text: string): unknown {
  if (text.trim() === '') throw new ApiError('invalid_request', 'body: must be a JSON object; it was empty');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // Valid JSON nested thousands deep exhausts the parser's stack: say so rather than "invalid".
    if (error instanceof RangeError) throw new ApiError('invalid_request', 'body: is nested too deeply');
    throw new ApiError('invalid_request', 'body: must be valid JSON');
  }
  if (mayHoldUnstorable.test(text)) refuseUnstorableJson(json);
  return json;
}

const jsonMediaType = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

/**
 * A vendor endpoint's JSON body, validated by `schema`. Only `application/json` is read as JSON:
 * the widget's endpoints take text/plain to spare browsers a preflight, vendor ones never do.
 */
export async function readJsonBody<Schema extends z.ZodType>(c: Context, schema: Schema): Promise<z.infer<Schema>> {
  const text = await c.req.text();
  if (text.trim() !== '' && !jsonMediaType.test(c.req.header('content-type') ?? '')) {
    throw new ApiError('unsupported_media_type', 'Content-Type: must be application/json for a JSON body');
  }
  const parsed = schema.safeParse(parseJsonText(text));
  if (!parsed.success) throw new ApiError('invalid_request', describeZodError(parsed.error));
  return parsed.data;
}
