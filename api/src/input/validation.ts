import { describeZodError, keepProtoKeys } from '@tenpoint/shared';
import type { z } from 'zod';
import { ApiError } from '../errors.ts';

type Result = { success: true } | { success: false; error: z.ZodError };

/**
 * The one answer to input that does not meet its schema, wherever it came (query, path, body):
 * 400 `invalid_request` naming the field. Every route's validator calls it (routes/router.ts).
 */
export function refuseInvalid(result: Result): void {
  if (!result.success) throw new ApiError('invalid_request', describeZodError(result.error));
}

/** `value` as `schema` reads it, or the same refusal. */
export function validated<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const result = schema.safeParse(value);
  refuseInvalid(result);
  return keepProtoKeys(schema, value, result.data as z.output<Schema>);
}
