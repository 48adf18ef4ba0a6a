import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { OpenApiDocument } from '../../openapi/openapi-document.ts';
import { referencePage, referencePagePolicy, rendererPath, rendererScript } from '../../openapi/reference-page.ts';

/** The OpenAPI document at /openapi.json, naming the origin it was asked from as its server, and the reference at /docs. */
export function openApiRoutes(document: OpenApiDocument) {
  return new Hono<AppEnv>()
    .get('/openapi.json', (c) => {
      const { openapi, info, ...rest } = document;
      return c.json({
        openapi,
        info,
        servers: [{ url: new URL(c.req.url).origin, description: 'The Tenpoint API that served this document' }],
        ...rest,
      });
    })
    .get('/docs', (c) => c.html(referencePage, 200, { 'Content-Security-Policy': referencePagePolicy }))
    .get(rendererPath, (c) => {
      const { plain, gzip } = rendererScript();
      const gzipped = /\bgzip\b/i.test(c.req.header('accept-encoding') ?? '');
      return c.body(new Uint8Array(gzipped ? gzip : plain), 200, {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cache-Control': 'public, max-age=3600',
        Vary: 'Accept-Encoding',
        ...(gzipped ? { 'Content-Encoding': 'gzip' } : {}),
      });
    });
}
