import type { z } from 'zod';
import { ApiError } from '../errors.ts';

/**
 * An opaque `nextCursor`: the position of a page's last row as base64url JSON, read back only when it
 * meets `schema` (a tampered or made-up cursor answers 400, never reaches SQL).
 */
export function pageCursor<Schema extends z.ZodType>(schema: Schema) {
  return {
    encode: (cursor: z.output<Schema>) => Buffer.from(JSON.stringify(cursor)).toString('base64url'),
    decode(text: string): z.output<Schema> {
      let json: unknown;
      try {
        json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
      } catch {
        json = undefined;
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new ApiError('invalid_request', 'cursor: must be the nextCursor of an earlier page');
      return parsed.data;
    },
  };
}
