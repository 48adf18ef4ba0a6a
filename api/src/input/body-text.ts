import type { Context } from 'hono';
import { ApiError } from '../errors.ts';
import { printable } from './unstorable-text.ts';

// Fatal: a byte sequence that is not UTF-8 is refused, never read as U+FFFD and stored so.
// A leading byte order mark is dropped, as Request.text() did.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The charset parameter of a Content-Type, unquoted, or undefined when it names none. */
function charsetOf(contentType: string): string | undefined {
  for (const parameter of contentType.split(';').slice(1)) {
    const [name = '', ...value] = parameter.split('=');
    if (name.trim().toLowerCase() === 'charset')
      return value
        .join('=')
        .trim()
        .replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}

/**
 * The one reading of a request body as text, for vendor and widget endpoints alike: a charset other
 * than UTF-8 is refused with 415 naming it, and bytes that are not UTF-8 with 400.
 */
export async function readBodyText(c: Context): Promise<string> {
  const charset = charsetOf(c.req.header('content-type') ?? '');
  if (charset !== undefined && charset.toLowerCase() !== 'utf-8') {
    throw new ApiError(
      'unsupported_media_type',
      `Content-Type: charset ${printable(charset.slice(0, 40))} is not supported; send the body as UTF-8 (charset=utf-8, or no charset)`,
    );
  }
  const bytes = await c.req.arrayBuffer();
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ApiError('invalid_request', 'body: is not valid UTF-8');
  }
}
