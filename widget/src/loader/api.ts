import type { EligibilityAnswer, EligibilityRequest, ErrorBody } from '@tenpoint/shared';

const hints: Record<string, string> = {
  unauthorized: 'check data-site-key on the widget.js script tag',
  forbidden: `add ${location.origin} to the site's allowed origins`,
  invalid_request: 'check the object passed to tenpoint("identify", …)',
};

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
  const error = data?.error;
  const hint = error && hints[error.code];
  throw new Error(error ? `${error.message} (${error.code})${hint ? `: ${hint}` : ''}` : `${apiUrl} answered ${answer.status}`);
}
