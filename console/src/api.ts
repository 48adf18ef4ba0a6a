import type { ErrorBody } from '@tenpoint/shared';

/** An answer of the API that is not a success, with the API's own message. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export type Query = Record<string, string | undefined>;

interface CallOptions {
  query?: Query | undefined;
  body?: unknown;
  /** The site a site-scoped call is about, sent as `Tenpoint-Site`. */
  site?: string | undefined;
}

const search = (query: Query = {}) => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
};

/** Called when the API says the session is over, so the console can ask to sign in again. */
let onSignedOut: () => void = () => {};
export const whenSignedOut = (handler: () => void) => {
  onSignedOut = handler;
};

const headersOf = (options: CallOptions): Record<string, string> => ({
  ...(options.site ? { 'Tenpoint-Site': options.site } : {}),
  ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
});

async function problemOf(answer: Response): Promise<ApiProblem> {
  const data = (await answer.json().catch(() => undefined)) as Partial<ErrorBody> | undefined;
  const retry = Number(answer.headers.get('retry-after')) || undefined;
  return new ApiProblem(answer.status, data?.error?.code ?? 'internal', data?.error?.message ?? `the API answered ${answer.status}`, retry);
}

/** One call to the API on this origin, with the session cookie the browser holds (the console never sees it). */
async function call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
  let answer: Response;
  try {
    answer = await fetch(`${path}${search(options.query)}`, {
      method,
      credentials: 'same-origin',
      headers: headersOf(options),
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  } catch {
    throw new ApiProblem(0, 'unavailable', 'the API could not be reached; check your connection and try again');
  }
  if (!answer.ok) {
    const problem = await problemOf(answer);
    if (answer.status === 401 && path !== '/v1/session' && path !== '/v1/me') onSignedOut();
    throw problem;
  }
  if (answer.status === 204) return undefined as T;
  return (await answer.json()) as T;
}

/** The console's one client of the API. */
export const api = {
  get: <T>(path: string, query?: Query, site?: string) => call<T>('GET', path, { query, site }),
  post: <T>(path: string, body: unknown = {}, site?: string) => call<T>('POST', path, { body, site }),
  patch: <T>(path: string, body: unknown, site?: string) => call<T>('PATCH', path, { body, site }),
  delete: <T = undefined>(path: string, query?: Query, site?: string) => call<T>('DELETE', path, { query, site }),
};

/** The calls of one site: what the dashboard's parts are given. */
export function siteClient(siteId: string) {
  return {
    siteId,
    get: <T>(path: string, query?: Query) => api.get<T>(path, query, siteId),
    patch: <T>(path: string, body: unknown) => api.patch<T>(path, body, siteId),
    post: <T>(path: string, body: unknown) => api.post<T>(path, body, siteId),
    /** Downloads the CSV of a filter as a file (a plain link could not carry the site header). */
    async downloadCsv(query: Query) {
      const answer = await fetch(`/v1/responses.csv${search(query)}`, { credentials: 'same-origin', headers: { 'Tenpoint-Site': siteId } });
      if (!answer.ok) throw await problemOf(answer);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await answer.blob());
      link.download = /filename="([^"]+)"/.exec(answer.headers.get('content-disposition') ?? '')?.[1] ?? 'responses.csv';
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    },
  };
}

export type Client = ReturnType<typeof siteClient>;
