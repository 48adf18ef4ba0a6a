import { createMiddleware } from 'hono/factory';
import { ApiError } from '../errors.ts';
import { readBodyText } from './body-text.ts';
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

// The media types the route's validator reads as JSON (@hono/zod-openapi's own test): one more
// lenient here would let through bodies that the validator then takes for no body at all.
const jsonMediaType = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;

/**
 * Reads a vendor endpoint's JSON body ahead of the route's validator: only `application/json` is
 * JSON (415 otherwise; the widget's endpoints take text/plain to spare browsers a preflight, vendor
 * ones never do), it must be UTF-8 (input/body-text.ts), and it must hold only text Postgres can
 * store. The validator then checks the value read here against the route's schema, without parsing
 * the text again.
 */
export const jsonBody = createMiddleware(async (c, next) => {
  const text = await readBodyText(c);
  if (text.trim() !== '' && !jsonMediaType.test(c.req.header('content-type') ?? '')) {
    throw new ApiError('unsupported_media_type', 'Content-Type: must be application/json for a JSON body');
  }
  c.req.bodyCache.json = Promise.resolve(parseJsonText(text));
  await next();
});
