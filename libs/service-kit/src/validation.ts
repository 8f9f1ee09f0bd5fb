import type { Request } from 'express';
import type { z } from 'zod';
import { HttpError, type ErrorDetail } from './errors';

export function zodIssuesToDetails(issues: z.core.$ZodIssue[]): ErrorDetail[] {
  return issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    return field ? { message: issue.message, field } : { message: issue.message };
  });
}

/** Parses untrusted input or throws a 400 that names every offending field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw HttpError.withDetails(400, zodIssuesToDetails(result.error.issues));
  return result.data;
}

/** The JSON body, validated. A request that sent no JSON at all gets 415, not a list of missing fields. */
export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  if (req.body === undefined) {
    throw new HttpError(415, 'Request body must be JSON (Content-Type: application/json)');
  }
  return parseInput(schema, req.body);
}

export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  return parseInput(schema, req.query);
}
