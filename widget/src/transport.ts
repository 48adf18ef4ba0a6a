// Every call the widget makes to the API, for the loader and the survey UI alike: each bundle takes
// only what it uses (the loader the eligibility question, the UI the deliveries, and it asks again
// through the loader's askEligibility, handed over in MountOptions). All are POSTs of JSON as
// text/plain, which keeps them simple requests: no CORS preflight.
import type { EligibilityAnswer, EligibilityRequest, ErrorBody } from '@tenpoint/shared';

export async function askEligibility(apiUrl: string, body: EligibilityRequest): Promise<EligibilityAnswer> {
  // A string body goes as text/plain;charset=UTF-8 by itself.
  const answer = await fetch(`${apiUrl}/v1/eligibility`, { method: 'POST', body: JSON.stringify(body) }).catch(() => {
    throw new Error(`could not reach ${apiUrl}: check data-api-url and that ${location.origin} is an allowed origin of the site`);
  });
  const data = (await answer.json().catch(() => {})) as Partial<EligibilityAnswer & ErrorBody> | undefined;
  if (answer.ok && data && 'eligible' in data) return data as EligibilityAnswer;
  // The API's message says what to fix ("siteKey: no site has this key; check data-site-key …").
  const error = data?.error;
  throw new Error(error ? `${error.message} (${error.code})` : `${apiUrl} answered ${answer.status}`);
}

export const worthRetrying = (status: number) => status === 408 || status === 429 || status >= 500;

/** POSTs a body with keepalive (it may outlive the page); true when done with it, false when worth another try. */
export const post = (url: string, body: string) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body, keepalive: true }).then(
    (answer) => !worthRetrying(answer.status),
    () => false,
  );
