import type { Express } from 'express';
import { OPENAPI_METHODS, type OpenApiDocument } from './openapi-document';

/** What this walk reads of express 5's router layers (the `router` package). */
interface RouterLayer {
  /** Set on the layer of a route (`router.get(path, ...)`). */
  route?: { path: unknown; methods: Record<string, boolean | undefined> };
  /** The path a middleware or router is mounted at; `/` for `app.use(router)`. */
  rawPath?: unknown;
  /** A mounted router has a stack of its own. */
  handle: { stack?: RouterLayer[] };
}

/**
 * Every route the app answers, as `GET /posts/{id}`: its router tree walked, express path
 * parameters written the OpenAPI way. Sorted, to compare with `documentedRoutes`.
 */
export function registeredRoutes(app: Express): string[] {
  return walk((app.router as unknown as { stack: RouterLayer[] }).stack, '').sort();
}

/** Every operation of the document, as `GET /posts/{id}`, sorted. */
export function documentedRoutes(document: OpenApiDocument): string[] {
  return Object.entries(document.paths)
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => OPENAPI_METHODS.includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();
}

function walk(stack: RouterLayer[], prefix: string): string[] {
  return stack.flatMap(({ route, rawPath, handle }) => {
    if (route) {
      const path = openApiPath(prefix + String(route.path));
      return Object.keys(route.methods)
        .filter((method) => route.methods[method])
        .map((method) => `${method === '_all' ? 'ALL' : method.toUpperCase()} ${path}`);
    }
    if (!handle.stack) return [];
    return walk(handle.stack, rawPath === '/' ? prefix : prefix + String(rawPath));
  });
}

/** `/posts/:id` -> `/posts/{id}`. Wildcards and optional parts have no OpenAPI equivalent. */
function openApiPath(expressPath: string): string {
  if (/[*{}()?]/.test(expressPath)) {
    throw new Error(`${expressPath}: only plain paths and :params can be described`);
  }
  return expressPath.replace(/:(\w+)/g, '{$1}');
}
