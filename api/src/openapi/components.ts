import type { OpenAPIHono } from '@hono/zod-openapi';

/** The document's shared parts that no zod schema makes: the `Retry-After` header and how to authenticate. */
export function registerComponents(registry: OpenAPIHono['openAPIRegistry']) {
  registry.registerComponent('headers', 'RetryAfter', {
    description: 'Seconds to wait before trying again.',
    schema: { type: 'integer', minimum: 1 },
    example: 5,
  });
  registry.registerComponent('securitySchemes', 'secretKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'One of the site’s secret keys, `sk_…`: a `full` key reads and changes the site, a `read` key reads and exports.',
  });
  registry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'tenpoint.session_token',
    description:
      'A console session (`POST /v1/session`), named `__Secure-tenpoint.session_token` over https. Site endpoints then need the ' +
      '`Tenpoint-Site` header with the site’s id; what a member may do follows their role. Requests that change something must ' +
      'come from the console’s own origin (their `Origin` header is checked).',
  });
  registry.registerComponent('securitySchemes', 'metricsToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The operator’s `TENPOINT_METRICS_TOKEN`.',
  });
}
