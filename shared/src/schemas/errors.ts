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

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes).describe('What kind of error; each code has one HTTP status (invalid_request 400, unauthorized 401, …).'),
      message: z.string().min(1).describe('What to fix, starting with the field at fault: `score: must be an integer from 0 to 10`.'),
      requestId: z.string().min(1).describe('The id of this request in our logs; quote it when asking for help.'),
    }),
  })
  .meta({
    id: 'Error',
    description: 'The one shape of every error the API answers, whatever the status.',
    examples: [
      {
        error: {
          code: 'invalid_request',
          message: 'score: must be an integer from 0 to 10',
          requestId: '0b6f1c5e-3d1a-4c5e-9a7b-2f1e8d9c4b3a',
        },
      },
    ],
  });
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Turns a zod error into one line a developer can act on: `score: must be an integer from 0 to 10`. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'request: is not valid';
  if (issue.code === 'unrecognized_keys') {
    const field = [...issue.path, issue.keys[0]].map(String).join('.');
    return `${field}: is not a known field; check its spelling`;
  }
  const field = issue.path.length ? issue.path.map(String).join('.') : 'body';
  return `${field}: ${inWords(issue)}`;
}

// zod's own messages ("Too big: expected string to have <=200 characters") where a schema gave none.
const zodDefault = /^(Too big|Too small|Invalid input):/;

const typeWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

function inWords(issue: z.core.$ZodIssue): string {
  if (!zodDefault.test(issue.message)) return issue.message;
  const unit = (origin: string, count: number | bigint) =>
    origin === 'string' ? ` characters` : origin === 'array' || origin === 'set' ? (count === 1 ? ' item' : ' items') : '';
  if (issue.code === 'too_big') return `must be at most ${issue.maximum}${unit(issue.origin, issue.maximum)}`;
  if (issue.code === 'too_small') {
    if (Number(issue.minimum) === 1 && (issue.origin === 'string' || issue.origin === 'array')) return 'must not be empty';
    return `must be at least ${issue.minimum}${unit(issue.origin, issue.minimum)}`;
  }
  if (issue.code === 'invalid_type')
    return /received undefined$/.test(issue.message) ? 'is required' : `must be ${typeWords[issue.expected] ?? issue.expected}`;
  return issue.message;
}
