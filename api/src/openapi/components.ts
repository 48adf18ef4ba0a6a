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
    description: 'The site’s secret key, `sk_…`.',
  });
  registry.registerComponent('securitySchemes', 'metricsToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The operator’s `TENPOINT_METRICS_TOKEN`.',
  });
}
