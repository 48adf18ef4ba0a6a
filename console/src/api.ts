import type { ErrorBody } from '@tenpoint/shared';

/** An answer of the API that is not a success, with the API's own message. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type Query = Record<string, string | undefined>;

const search = (query: Query = {}) => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
};

/** The vendor API, on the origin that serves the console, with the secret key of this tab. */
export function createClient(secretKey: string) {
  const call = async <T>(method: string, path: string, query?: Query, body?: unknown): Promise<T> => {
    const answer = await fetch(`${path}${search(query)}`, {
      method,
      headers: { Authorization: `Bearer ${secretKey}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const data = (await answer.json().catch(() => undefined)) as (T & Partial<ErrorBody>) | undefined;
    if (!answer.ok || !data)
      throw new ApiProblem(answer.status, data?.error?.code ?? 'internal', data?.error?.message ?? `the API answered ${answer.status}`);
    return data;
  };
  return {
    get: <T>(path: string, query?: Query) => call<T>('GET', path, query),
    patch: <T>(path: string, body: unknown) => call<T>('PATCH', path, undefined, body),
    /** Downloads the CSV of a filter as a file (a plain link could not carry the key). */
    async downloadCsv(query: Query) {
      const answer = await fetch(`/v1/responses.csv${search(query)}`, { headers: { Authorization: `Bearer ${secretKey}` } });
      if (!answer.ok) throw new ApiProblem(answer.status, 'internal', `the export failed (${answer.status})`);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await answer.blob());
      link.download = /filename="([^"]+)"/.exec(answer.headers.get('content-disposition') ?? '')?.[1] ?? 'responses.csv';
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    },
  };
}

export type Client = ReturnType<typeof createClient>;
