import { z } from 'zod';

export const errorCodes = [
  'invalid_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const statusOfErrorCode: Record<ErrorCode, number> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** The one shape of every error the API answers. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string().min(1),
    requestId: z.string().min(1),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Turns a zod error into one line a person can act on: `score: must be an integer from 0 to 10`. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'request: is not valid';
  if (issue.code === 'unrecognized_keys') {
    const field = [...issue.path, issue.keys[0]].map(String).join('.');
    return `${field}: is not a known field; check its spelling`;
  }
  const field = issue.path.length ? issue.path.map(String).join('.') : 'body';
  return `${field}: ${issue.message}`;
}
