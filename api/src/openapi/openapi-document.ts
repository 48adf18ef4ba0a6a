import type { OpenAPIHono } from '@hono/zod-openapi';
import { dateRange } from '@tenpoint/shared';
import type { AppEnv } from '../app-env.ts';
import { registerComponents } from './components.ts';
import { registerWebhookEvents } from './webhook-events.ts';

const tags = [
  { name: 'Widget', description: 'Called by the widget from your users’ browsers, with the public `siteKey` in the body.' },
  {
    name: 'Wootric',
    description: 'For a Wootric snippet pasted as it is, loading `/wootric.js` from this API: the site its `account_token` names.',
  },
  { name: 'Scores', description: 'Scores over a range, as a series, by segment and by account.' },
  { name: 'Responses', description: 'The responses themselves, with their comments, a page at a time or as CSV.' },
  { name: 'Follow-ups', description: 'Following up a response: its owner, state and thread, and replies emailed to the respondent.' },
  { name: 'Surveys', description: 'Surveys and their settings: wording, throttles, sampling, targeting.' },
  { name: 'Users', description: 'Everything stored about one user: export and erasure (GDPR articles 15 and 17).' },
  { name: 'Webhooks', description: 'Subscriptions that POST each response or decline to your URL, signed, and their delivery log.' },
  { name: 'Alert rules', description: 'Which responses reach whom, by email or in a chat channel, at once or hourly.' },
  { name: 'Site', description: 'The site of the call: its name, allowed origins, test mode and install check.' },
  { name: 'Keys', description: 'A site’s named secret keys, full or read-only, each shown once.' },
  { name: 'Account', description: 'Signing up, in and out of the console, confirming an address, resetting a password.' },
  { name: 'Organizations', description: 'Teams: their members and roles, invitations, sites, audit log and email outbox.' },
  { name: 'Operations', description: 'For those who run the API: health, readiness and metrics.' },
];

export type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

/**
 * The OpenAPI 3.1 document of `api`, generated from its routes (their `createRoute` declarations
 * and the shared zod schemas that check their input): it cannot say other than what they do.
 */
export function openApiDocument(api: OpenAPIHono<AppEnv>): OpenApiDocument {
  registerComponents(api.openAPIRegistry);
  registerWebhookEvents(api.openAPIRegistry);
  return api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Tenpoint API',
      version: '1.0.0',
      description:
        `In-product NPS, CSAT and CES surveys.

- **Widget endpoints** take the public \`siteKey\` in the body, as JSON sent as \`text/plain\` (no CORS preflight) or \`application/json\`.
- **Vendor endpoints** take \`Authorization: Bearer sk_…\` (one of the site's keys), or a console session cookie with the ` +
        `site's id in \`Tenpoint-Site\`; a role or key that may not do something gets 403. They take JSON bodies as ` +
        `\`Content-Type: application/json\` (415 otherwise). ` +
        `A query parameter the operation does not declare, or one given twice, answers 400 naming it.
- Dates are read from ${dateRange.first} to ${dateRange.last}; timestamps in answers are ISO 8601 in UTC with milliseconds.
- Text may not hold U+0000 or half of a surrogate pair, anywhere (400).
- Every error has the shape \`{ error: { code, message, requestId } }\`; 429 and 503 say in \`Retry-After\` when to try again.`,
    },
    tags,
  });
}
