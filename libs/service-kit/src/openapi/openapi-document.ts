import type { ApiResponse, ApiRoute } from '@blog/contracts';
import { JsonSchemas, type JsonSchema } from './json-schema';

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, { schema: JsonSchema }>;
}

export interface OpenApiOperation {
  summary: string;
  description?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required: true; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, OpenApiResponse>;
}

/** An OpenAPI 3.1 document: the parts this kit writes. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

export interface OpenApiDocumentOptions {
  title: string;
  version: string;
  description?: string;
  routes: readonly ApiRoute[];
}

/** The fields of an OpenAPI path item that are operations. */
export const OPENAPI_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
];

const JSON_MEDIA_TYPE = 'application/json';
/** Path parameters are never empty: `/posts/` is not `/posts/{id}`. */
const PATH_PARAMETER_SCHEMA: JsonSchema = { type: 'string', minLength: 1 };
const HEADER_SCHEMA: JsonSchema = { type: 'string' };

/** The OpenAPI 3.1 document of `routes`, their schemas converted from zod. */
export function openApiDocument({
  title,
  version,
  description,
  routes,
}: OpenApiDocumentOptions): OpenApiDocument {
  const schemas = new JsonSchemas();
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const pathItem = (paths[route.path] ??= {});
    if (pathItem[route.method]) {
      throw new Error(`${route.method.toUpperCase()} ${route.path} is described twice`);
    }
    pathItem[route.method] = operation(route, schemas);
  }
  return {
    openapi: '3.1.0',
    info: { title, version, ...(description ? { description } : {}) },
    paths,
    components: { schemas: schemas.components },
  };
}

function operation(route: ApiRoute, schemas: JsonSchemas): OpenApiOperation {
  const parameters = [
    ...pathParameters(route),
    ...queryParameters(route, schemas),
    ...Object.entries(route.headers ?? {}).map(([name, description]): OpenApiParameter => ({
      name,
      in: 'header',
      required: false,
      description,
      schema: HEADER_SCHEMA,
    })),
  ];
  const responses = Object.entries(route.responses).map(
    ([status, answer]) => [status, response(answer, schemas)] as const,
  );
  return {
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { [JSON_MEDIA_TYPE]: { schema: schemas.request(route.body) } },
          },
        }
      : {}),
    responses: Object.fromEntries(responses),
  };
}

function pathParameters({ method, path, pathParams = {} }: ApiRoute): OpenApiParameter[] {
  const names = [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => name!);
  const described = Object.keys(pathParams);
  if (names.length !== described.length || names.some((name) => !described.includes(name))) {
    throw new Error(
      `${method.toUpperCase()} ${path} describes the path parameters ${described.join(', ') || 'none'}`,
    );
  }
  return names.map((name) => ({
    name,
    in: 'path',
    required: true,
    description: pathParams[name],
    schema: PATH_PARAMETER_SCHEMA,
  }));
}

/** One parameter per property of the query schema; its description moves to the parameter. */
function queryParameters({ query }: ApiRoute, schemas: JsonSchemas): OpenApiParameter[] {
  if (!query) return [];
  const { properties = {}, required = [] } = schemas.request(query);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...schema } = property as JsonSchema;
    return {
      name,
      in: 'query',
      required: required.includes(name),
      ...(description ? { description } : {}),
      schema,
    };
  });
}

function response(
  { description, body, mediaType = JSON_MEDIA_TYPE, headers = {} }: ApiResponse,
  schemas: JsonSchemas,
): OpenApiResponse {
  const headerEntries = Object.entries(headers).map(
    ([name, meaning]) => [name, { description: meaning, schema: HEADER_SCHEMA }] as const,
  );
  return {
    description,
    ...(headerEntries.length > 0 ? { headers: Object.fromEntries(headerEntries) } : {}),
    ...(body ? { content: { [mediaType]: { schema: schemas.response(body) } } } : {}),
  };
}
