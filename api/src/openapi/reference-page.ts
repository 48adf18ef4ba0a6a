import type { openApiDocument } from './openapi-document.ts';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!);

const code = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');

interface Operation {
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required: boolean; description?: string; schema?: Record<string, unknown> }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description?: string; $ref?: string; content?: Record<string, { schema: unknown }> }>;
}

function typeOf(schema: Record<string, unknown> | undefined): string {
  if (!schema) return '';
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).join(' | ');
  return String(schema.type ?? (schema.anyOf ? 'string' : ''));
}

function operationHtml(path: string, method: string, operation: Operation, shared: Operation['parameters'] = []): string {
  const parameters = [...shared, ...(operation.parameters ?? [])];
  const body = operation.requestBody?.content['application/json']?.schema;
  const auth = operation.security && operation.security.length === 0 ? 'siteKey in the body' : 'Bearer secret key';
  return `<section id="${escapeHtml(`${method}-${path}`)}">
  <h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
  <p>${code(operation.summary ?? '')}${operation.description ? ` — ${code(operation.description)}` : ''}</p>
  <p class="auth">${auth}</p>
  ${
    parameters.length
      ? `<table><thead><tr><th>parameter</th><th>in</th><th>type</th><th>about</th></tr></thead><tbody>${parameters
          .map(
            (parameter) =>
              `<tr><td><code>${escapeHtml(parameter.name)}</code>${parameter.required ? ' *' : ''}</td><td>${parameter.in}</td><td>${escapeHtml(typeOf(parameter.schema))}</td><td>${code(parameter.description ?? '')}</td></tr>`,
          )
          .join('')}</tbody></table>`
      : ''
  }
  ${body ? `<details><summary>Request body (JSON Schema)</summary><pre>${escapeHtml(JSON.stringify(body, null, 2))}</pre></details>` : ''}
  <ul>${Object.entries(operation.responses)
    .map(([status, answer]) => {
      const schema = answer.content?.['application/json']?.schema;
      const about = answer.$ref ? 'error, in the one error shape' : (answer.description ?? '');
      return `<li><strong>${status}</strong> ${code(about)}${schema ? `<details><summary>schema</summary><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></details>` : ''}</li>`;
    })
    .join('')}</ul>
</section>`;
}

/** A browsable reference of the OpenAPI document, rendered on the server: no script, nothing from elsewhere. */
export function referencePage(document: ReturnType<typeof openApiDocument>): string {
  const sections = Object.entries(document.paths as Record<string, Record<string, unknown>>)
    .map(([path, item]) => {
      const shared = (item.parameters as Operation['parameters']) ?? [];
      return Object.entries(item)
        .filter(([method]) => ['get', 'post', 'patch', 'delete'].includes(method))
        .map(([method, operation]) => operationHtml(path, method, operation as Operation, shared))
        .join('\n');
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.info.title)} reference</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 960px; margin: 0 auto; padding: 24px; color: #111827; }
  @media (prefers-color-scheme: dark) { body { background: #111827; color: #f3f4f6; } table, th, td { border-color: #374151 !important; } }
  section { border-top: 1px solid #d1d5db; padding: 8px 0 16px; }
  .method { display: inline-block; min-width: 64px; padding: 2px 6px; border-radius: 4px; color: #fff; font-size: 13px; text-align: center; }
  .get { background: #1d4ed8; } .post { background: #047857; } .patch { background: #b45309; } .delete { background: #b91c1c; }
  table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #d1d5db; padding: 4px 8px; text-align: left; vertical-align: top; }
  pre { overflow: auto; max-height: 420px; background: rgb(127 127 127 / 0.1); padding: 8px; } .auth { color: #6b7280; font-size: 13px; }
</style></head>
<body>
<h1>${escapeHtml(document.info.title)} ${escapeHtml(document.info.version)}</h1>
<p>${code(document.info.description)}</p>
<p>The machine-readable document: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
${sections}
</body></html>`;
}
