import { isAPIError } from 'better-auth/api';
import { ApiError } from '../errors.ts';

const codeOfStatus = { 400: 'invalid_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict' } as const;

/** Runs a better-auth call and answers its refusals in the API's one error shape, with its own words. */
export async function authCall<T>(call: () => Promise<T>, field?: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isAPIError(error)) throw error;
    const code = codeOfStatus[error.statusCode as keyof typeof codeOfStatus];
    if (!code) throw error;
    const said = (error.body?.message ?? error.message ?? 'refused').replace(/\.$/, '');
    throw new ApiError(code, `${field ? `${field}: ` : ''}${said.charAt(0).toLowerCase()}${said.slice(1)}`);
  }
}
