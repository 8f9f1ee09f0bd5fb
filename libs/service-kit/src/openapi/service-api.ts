import {
  errorBodySchema,
  errorResponse,
  type ApiResponse,
  type ApiRoute,
  type ServiceApi,
} from '@blog/contracts';
import { z } from 'zod';
import { openApiDocument, type OpenApiDocument } from './openapi-document';

/** The version of the HTTP API the documents describe: raise it when a route changes incompatibly. */
export const API_VERSION = '1.0.0';

export const OPENAPI_PATH = '/openapi.json';

const checksSchema = z
  .record(z.string(), z.enum(['up', 'down']))
  .describe('Each readiness check by name: the database, the broker, ...');

/** The routes every service has (`createHttpApp`): health, metrics and this document. */
const KIT_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness: the process answers',
    responses: {
      200: { description: 'Alive.', body: z.object({ status: z.literal('ok') }) },
    },
  },
  {
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: whether to send this instance work',
    responses: {
      200: {
        description: 'Every check is up.',
        body: z.object({ status: z.literal('ready'), checks: checksSchema }),
      },
      503: {
        description: 'A check is down, or the service is shutting down.',
        body: z.object({
          status: z.literal('not ready'),
          checks: checksSchema,
          errors: errorBodySchema.shape.errors,
        }),
      },
    },
  },
  {
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics',
    responses: {
      200: {
        description: 'Metrics in the Prometheus text format.',
        mediaType: 'text/plain',
        body: z.string(),
      },
    },
  },
  {
    method: 'get',
    path: OPENAPI_PATH,
    summary: 'This document',
    responses: {
      200: {
        description: 'The OpenAPI 3.1 document of this service.',
        body: z.record(z.string(), z.unknown()),
      },
    },
  },
];

/**
 * The document a service serves at /openapi.json: its own routes, with the answers the kit gives
 * on their behalf, and the routes every service has.
 */
export function serviceApiDocument(service: string, api: ServiceApi): OpenApiDocument {
  return openApiDocument({
    title: service,
    version: API_VERSION,
    description: api.description,
    routes: [...api.routes.map(withKitAnswers), ...KIT_ROUTES],
  });
}

/**
 * Adds what `createHttpApp` and `parseBody`/`parseQuery` answer before the route's own code
 * runs: 400 for invalid input, 413 and 415 for bodies it cannot read. The route's own
 * description of a status wins.
 */
function withKitAnswers(route: ApiRoute): ApiRoute {
  const invalid = [
    route.body && 'the body is not valid JSON, or not what this route takes',
    route.query && 'a query parameter is invalid',
    route.pathParams && 'the URL has broken percent-encoding',
  ].filter(Boolean);
  const kit: Record<number, ApiResponse> = {};
  if (invalid.length > 0) {
    kit[400] = errorResponse(
      `Invalid request: ${invalid.join('; ')}. Each error names the offending field when there is one.`,
    );
  }
  if (route.body) {
    kit[413] = errorResponse('The body is larger than the limit (JSON_BODY_LIMIT).');
    kit[415] = errorResponse(
      'The body is not JSON (Content-Type: application/json), or its charset or encoding is unsupported.',
    );
  }
  return { ...route, responses: { ...kit, ...route.responses } };
}
