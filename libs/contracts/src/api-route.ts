import type { z } from 'zod';
import { errorBodySchema } from './api';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One answer a route can give. */
export interface ApiResponse {
  description: string;
  /** The body's schema, as the service writes it; no schema for an empty body. */
  body?: z.ZodType;
  /** Default `application/json`. */
  mediaType?: string;
  /** Headers the answer may carry, by name, with what they say. */
  headers?: Record<string, string>;
}

/**
 * What a service's OpenAPI document says about one of its routes. Schemas are the zod schemas
 * the route validates with, so the document cannot drift from the validation; each app's tests
 * check that the routes described are the routes it has.
 */
export interface ApiRoute {
  method: HttpMethod;
  /** OpenAPI path template, e.g. `/posts/{id}`. */
  path: string;
  summary: string;
  description?: string;
  /** Each `{param}` of `path`, with what it names. */
  pathParams?: Record<string, string>;
  /** The query string's schema: each property is one parameter. */
  query?: z.ZodObject;
  /** Request headers the route reads, all optional, with what they say. */
  headers?: Record<string, string>;
  /** The JSON body's schema, as the route parses it. */
  body?: z.ZodType;
  /**
   * Answers by status. Those every route with a body, a query or path parameters can give
   * (400, 413, 415: see @blog/service-kit) are added for it, so list only the route's own.
   */
  responses: Record<number, ApiResponse>;
}

/** A service's own routes, besides those every service has (health, metrics, this document). */
export interface ServiceApi {
  /** What the service is for, in a few sentences. */
  description: string;
  routes: ApiRoute[];
}

export function errorResponse(description: string): ApiResponse {
  return { description, body: errorBodySchema };
}

/** 503: something the route needs is down; the client, or the event-bus, tries again later. */
export function unavailableResponse(dependency: string): ApiResponse {
  return {
    description: `${dependency} cannot be reached right now; try again later.`,
    body: errorBodySchema,
    headers: { 'Retry-After': 'Seconds to wait before trying again.' },
  };
}
