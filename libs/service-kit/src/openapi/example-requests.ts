import type { JsonSchema } from './json-schema';
import type { OpenApiDocument, OpenApiOperation } from './openapi-document';

/** A request built from a document's examples, and what the service must answer to it. */
export interface ExampleRequest {
  /** E.g. `POST /posts with its example` or `POST /posts with title: null`. */
  name: string;
  method: string;
  /** The path, `example` standing for each path parameter. */
  path: string;
  query: Record<string, string>;
  body?: unknown;
  /** The field a 400 answer must name; none when validation must let the request through. */
  invalidField?: string;
  /** The statuses the document lists for the operation. */
  documented: string[];
}

const PATH_PARAMETER_EXAMPLE = 'example';

/**
 * For each operation that validates input: the request its examples describe (bodies from the
 * schema's `examples`, query parameters from their default or example), which must pass
 * validation, and for each of its inputs a broken variant (a body field set to null, a query
 * parameter of the wrong type or too long), which must be refused with a 400 naming the field.
 */
export function exampleRequests(document: OpenApiDocument): ExampleRequest[] {
  return Object.entries(document.paths).flatMap(([template, item]) =>
    Object.entries(item).flatMap(([method, operation]) =>
      requestsFor(method.toUpperCase(), template, operation),
    ),
  );
}

function requestsFor(method: string, template: string, operation: OpenApiOperation) {
  const label = `${method} ${template}`;
  const query = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
  const bodySchema = operation.requestBody?.content['application/json']?.schema;
  if (query.length === 0 && !bodySchema) return [];

  const body = bodySchema ? exampleOf(bodySchema) : undefined;
  if (bodySchema && body === undefined) {
    throw new Error(`${label}: give its body schema an example (.meta({ examples }))`);
  }
  const valid: ExampleRequest = {
    name: `${label} with its example`,
    method,
    path: template.replace(/\{[^}]+\}/g, PATH_PARAMETER_EXAMPLE),
    query: Object.fromEntries(
      query.flatMap(({ name, schema }) => {
        const value = exampleOf(schema) ?? schema.default;
        return typeof value === 'string' || typeof value === 'number'
          ? [[name, String(value)]]
          : [];
      }),
    ),
    ...(body === undefined ? {} : { body }),
    documented: Object.keys(operation.responses),
  };
  const brokenBodies = isRecord(body)
    ? Object.keys(body).map((field): ExampleRequest => ({
        ...valid,
        name: `${label} with ${field}: null`,
        body: { ...body, [field]: null },
        invalidField: field,
      }))
    : [];
  const brokenQueries = query.flatMap(({ name, schema }): ExampleRequest[] => {
    const value = brokenValue(schema);
    if (value === undefined) return [];
    const shown =
      value.length > 20 ? `${value.slice(0, 3)}... (${value.length} characters)` : value;
    return [
      {
        ...valid,
        name: `${label} with ?${name}=${shown}`,
        query: { ...valid.query, [name]: value },
        invalidField: name,
      },
    ];
  });
  return [valid, ...brokenBodies, ...brokenQueries];
}

/**
 * Sends `example` to the service at `baseUrl` and says what is wrong with the answer, or
 * nothing when it is what the document promises.
 */
export async function exampleRequestProblem(
  baseUrl: string,
  example: ExampleRequest,
): Promise<string | undefined> {
  const url = new URL(example.path, baseUrl);
  for (const [name, value] of Object.entries(example.query)) url.searchParams.set(name, value);
  const response = await fetch(url, {
    method: example.method,
    ...(example.body === undefined
      ? {}
      : { body: JSON.stringify(example.body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  const answer = `answered ${response.status}${text ? ` ${text.slice(0, 300)}` : ''}`;
  if (example.invalidField === undefined) {
    const refused = [400, 413, 415].includes(response.status) || response.status >= 500;
    if (refused) return `${example.name}: should pass validation but ${answer}`;
    if (!example.documented.includes(String(response.status))) {
      return `${example.name}: ${answer}, a status the document does not list (${example.documented.join(', ')})`;
    }
    return undefined;
  }
  const field = example.invalidField;
  const named = (error: unknown) =>
    isRecord(error) &&
    typeof error.message === 'string' &&
    typeof error.field === 'string' &&
    (error.field === field || error.field.startsWith(`${field}.`));
  const errors = response.status === 400 ? parseErrors(text) : undefined;
  if (!errors?.some(named)) {
    return `${example.name}: should be refused with 400, an error naming ${field}, but ${answer}`;
  }
  return undefined;
}

function exampleOf(schema: JsonSchema): unknown {
  return Array.isArray(schema.examples) ? schema.examples[0] : undefined;
}

/** A value `schema` refuses, for the kinds of query parameters our routes take. */
function brokenValue(schema: JsonSchema): string | undefined {
  if (schema.type === 'integer' || schema.type === 'number') return 'not-a-number';
  if (schema.type === 'string' && typeof schema.maxLength === 'number') {
    return 'x'.repeat(schema.maxLength + 1);
  }
  return undefined;
}

function parseErrors(text: string): unknown[] | undefined {
  try {
    const body: unknown = JSON.parse(text);
    return isRecord(body) && Array.isArray(body.errors) ? (body.errors as unknown[]) : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
