import { OPENAPI_METHODS } from './openapi-document';

type JsonObject = Record<string, unknown>;

const PATH_ITEM_FIELDS = ['summary', 'description', 'servers', 'parameters', '$ref'];
const PARAMETER_LOCATIONS = ['path', 'query', 'header', 'cookie'];
const STATUS_KEY = /^([1-5](\d\d|XX)|default)$/;

/**
 * What keeps `document` from being a usable OpenAPI 3.1 document: the structure the
 * specification requires of what our documents contain (info, paths, operations, parameters,
 * responses, media types), path templates matching their parameters, and every `$ref`
 * resolving inside the document. Empty when there is nothing to fix. A structural check, not
 * a full validation against the official schema (infra/api-fuzz runs that one).
 */
export function openApiProblems(document: unknown): string[] {
  const problems: string[] = [];
  const problem = (where: string, what: string) => problems.push(`${where}: ${what}`);
  if (!isObject(document)) return ['the document is not a JSON object'];

  if (typeof document.openapi !== 'string' || !/^3\.1\.\d+$/.test(document.openapi)) {
    problem('openapi', 'must be a 3.1.x version');
  }
  const info = document.info;
  if (!isObject(info) || !isText(info.title) || !isText(info.version)) {
    problem('info', 'must have a title and a version');
  }
  const paths = document.paths;
  if (!isObject(paths)) problem('paths', 'must be an object');
  for (const [path, item] of Object.entries(isObject(paths) ? paths : {})) {
    if (!path.startsWith('/')) problem(path, 'a path must start with /');
    if (!isObject(item)) {
      problem(path, 'must be a path item object');
      continue;
    }
    for (const [key, operation] of Object.entries(item)) {
      if (OPENAPI_METHODS.includes(key)) {
        checkOperation(`${key.toUpperCase()} ${path}`, path, operation, problem);
      } else if (!PATH_ITEM_FIELDS.includes(key) && !key.startsWith('x-')) {
        problem(path, `unknown field ${key}`);
      }
    }
  }
  const components = document.components;
  if (components !== undefined && !isObject(components)) problem('components', 'must be an object');
  const schemas = isObject(components) ? components.schemas : undefined;
  for (const [name, schema] of Object.entries(isObject(schemas) ? schemas : {})) {
    if (!isObject(schema) && typeof schema !== 'boolean') {
      problem(`components.schemas.${name}`, 'must be a schema');
    }
  }
  for (const ref of refsIn(document)) {
    if (!resolves(document, ref)) problem(ref, 'this $ref does not resolve in the document');
  }
  return problems;
}

function checkOperation(
  where: string,
  path: string,
  operation: unknown,
  problem: (where: string, what: string) => void,
): void {
  if (!isObject(operation)) return problem(where, 'must be an operation object');
  const parameters = Array.isArray(operation.parameters) ? operation.parameters : [];
  if (operation.parameters !== undefined && !Array.isArray(operation.parameters)) {
    problem(where, 'parameters must be an array');
  }
  const seen = new Set<string>();
  for (const parameter of parameters) {
    if (!isObject(parameter) || !isText(parameter.name) || !isText(parameter.in)) {
      problem(where, 'every parameter needs a name and an in');
      continue;
    }
    const label = `${parameter.in} parameter ${parameter.name}`;
    if (!PARAMETER_LOCATIONS.includes(parameter.in)) problem(where, `${label}: unknown location`);
    if (seen.has(label)) problem(where, `${label} is listed twice`);
    seen.add(label);
    if (parameter.in === 'path' && parameter.required !== true) {
      problem(where, `${label} must be required`);
    }
    if (!isSchema(parameter.schema)) problem(where, `${label} needs a schema`);
  }
  const templated = [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => `path parameter ${name}`);
  const declared = [...seen].filter((label) => label.startsWith('path '));
  for (const label of templated) if (!seen.has(label)) problem(where, `${label} is not described`);
  for (const label of declared)
    if (!templated.includes(label)) problem(where, `${label} not in the path`);

  if (operation.requestBody !== undefined)
    checkContent(`${where} request body`, operation.requestBody, problem);
  const responses = operation.responses;
  if (!isObject(responses) || Object.keys(responses).length === 0) {
    return problem(where, 'must describe at least one response');
  }
  for (const [status, response] of Object.entries(responses)) {
    const label = `${where} ${status}`;
    if (!STATUS_KEY.test(status)) problem(label, 'not a status code');
    if (!isObject(response) || !isText(response.description)) {
      problem(label, 'a response needs a description');
      continue;
    }
    if (response.content !== undefined) checkContent(label, response, problem);
    for (const [name, header] of Object.entries(
      isObject(response.headers) ? response.headers : {},
    )) {
      if (!isObject(header) || !isSchema(header.schema))
        problem(label, `header ${name} needs a schema`);
    }
  }
}

function checkContent(
  where: string,
  holder: unknown,
  problem: (where: string, what: string) => void,
): void {
  const content = isObject(holder) ? holder.content : undefined;
  if (!isObject(content) || Object.keys(content).length === 0) {
    return problem(where, 'content must list at least one media type');
  }
  for (const [mediaType, media] of Object.entries(content)) {
    if (!/^[\w.+-]+\/[\w.+-]+$/.test(mediaType)) problem(where, `${mediaType} is not a media type`);
    if (!isObject(media) || !isSchema(media.schema)) problem(where, `${mediaType} needs a schema`);
  }
}

function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (!isObject(node)) return [];
  const own = typeof node.$ref === 'string' ? [node.$ref] : [];
  return [...own, ...Object.values(node).flatMap(refsIn)];
}

/** Whether a `#/json/pointer` (RFC 6901) leads somewhere in the document. */
function resolves(document: JsonObject, ref: string): boolean {
  if (!ref.startsWith('#/')) return false;
  let node: unknown = document;
  for (const token of ref.slice(2).split('/')) {
    const key = decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) && !Array.isArray(node)) return false;
    if (!Object.hasOwn(node, key)) return false;
    node = (node as JsonObject)[key];
  }
  return true;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function isSchema(value: unknown): boolean {
  return isObject(value) || typeof value === 'boolean';
}
