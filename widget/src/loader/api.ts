import type { EligibilityAnswer, EligibilityRequest, ErrorBody } from '@tenpoint/shared';

export async function askEligibility(apiUrl: string, body: EligibilityRequest): Promise<EligibilityAnswer> {
  let answer: Response;
  try {
    // text/plain keeps this a simple request: no CORS preflight.
    answer = await fetch(`${apiUrl}/v1/eligibility`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new Error(`could not reach ${apiUrl}: check data-api-url and that ${location.origin} is an allowed origin of the site`);
  }
  const data = (await answer.json().catch(() => undefined)) as Partial<EligibilityAnswer & ErrorBody> | undefined;
  if (answer.ok && data && 'eligible' in data) return data as EligibilityAnswer;
  // The API's message says what to fix ("siteKey: no site has this key; check data-site-key …").
  const error = data?.error;
  throw new Error(error ? `${error.message} (${error.code})` : `${apiUrl} answered ${answer.status}`);
}
