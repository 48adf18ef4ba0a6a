import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../errors.ts';
import { traitFilterName } from '../scores/score-query.ts';
import { printable } from './unstorable-text.ts';

interface DocumentedOperation {
  method: string;
  path: string;
  pattern: RegExp;
  names: readonly string[];
  traitFilters: boolean;
}

interface Document {
  paths?: Record<string, unknown>;
}

type Parameter = { name: string; in: string; style?: string };
const methods = ['get', 'post', 'put', 'patch', 'delete'];
const escaped = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');

/** The vendor operations of the document with the query parameters each declares. */
function documentedOperations(document: Document): DocumentedOperation[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    methods.flatMap((method) => {
      const operation = (item as Record<string, unknown>)[method] as { tags?: string[]; parameters?: Parameter[] } | undefined;
      if (!operation || operation.tags?.includes('Widget')) return [];
      const query = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
      // Trait filters are one deepObject parameter, `trait`, sent as trait[NAME]=VALUE (or trait.NAME=VALUE).
      const isTraitFilters = (parameter: Parameter) => parameter.name === 'trait' && parameter.style === 'deepObject';
      return [
        {
          method: method.toUpperCase(),
          path,
          pattern: new RegExp(`^${escaped(path).replace(/\{[^}]+\}/g, '[^/]+')}$`),
          names: query.filter((parameter) => !isTraitFilters(parameter)).map((parameter) => parameter.name),
          traitFilters: query.some(isTraitFilters),
        },
      ];
    }),
  );
}

/**
 * Refuses a query parameter that the operation does not declare in the OpenAPI document, naming it:
 * a misspelt filter would otherwise be ignored and the unfiltered answer taken for the filtered one.
 */
export function refuseUnknownParameters(document: Document) {
  const operations = documentedOperations(document);
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!c.req.url.includes('?')) return next();
    // A HEAD is answered by the GET handler, so it is held to the GET's parameters.
    const asked = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    const operation = operations.find(({ method, pattern }) => method === asked && pattern.test(c.req.path));
    if (operation) {
      for (const name of Object.keys(c.req.queries())) {
        if (operation.traitFilters && traitFilterName(name) !== undefined) continue;
        if (operation.names.includes(name)) continue;
        const known = [...operation.names, ...(operation.traitFilters ? ['trait[NAME] (or trait.NAME)'] : [])];
        throw new ApiError(
          'invalid_request',
          `${printable(name)}: is not a parameter of ${operation.method} ${operation.path}; ` +
            (known.length ? `it takes ${known.join(', ')}` : 'it takes none'),
        );
      }
    }
    await next();
  });
}
