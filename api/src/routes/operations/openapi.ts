import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { openApiDocument } from '../../openapi/openapi-document.ts';
import { referencePage } from '../../openapi/reference-page.ts';

export function openApiRoutes(document: ReturnType<typeof openApiDocument>) {
  const page = referencePage(document);
  return new Hono<AppEnv>()
    .get('/openapi.json', (c) => c.json(document))
    .get('/docs', (c) => c.html(page));
}
