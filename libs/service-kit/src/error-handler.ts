import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { DependencyUnavailableError, HttpError, errorBody, type ErrorDetail } from './errors';
import { zodIssuesToDetails } from './validation';

interface ClientFacingError {
  status: number;
  details: ErrorDetail[];
  retryAfterSeconds?: number;
}

/** Errors raised by body-parser and express carry a `type`/`status` that tells what the client did. */
interface FrameworkError {
  type?: string;
  status?: number;
  expose?: boolean;
  limit?: number;
  message?: string;
}

const FRAMEWORK_ERRORS: Record<string, (error: FrameworkError) => ClientFacingError> = {
  'entity.parse.failed': () => ({ status: 400, details: [{ message: 'Malformed JSON body' }] }),
  'entity.too.large': (error) => ({
    status: 413,
    details: [{ message: `Request body is larger than ${error.limit ?? 'the limit'} bytes` }],
  }),
  'encoding.unsupported': () => ({
    status: 415,
    details: [{ message: 'Unsupported content encoding' }],
  }),
  'charset.unsupported': () => ({ status: 415, details: [{ message: 'Unsupported charset' }] }),
  'request.aborted': () => ({ status: 400, details: [{ message: 'Request aborted' }] }),
};

export function toClientFacingError(error: unknown): ClientFacingError {
  if (error instanceof HttpError) return { status: error.status, details: error.details };
  if (error instanceof ZodError) return { status: 400, details: zodIssuesToDetails(error.issues) };
  if (error instanceof DependencyUnavailableError) {
    return { status: 503, details: [{ message: error.message }], retryAfterSeconds: 1 };
  }
  // The router could not decode a path parameter (`/posts/%E0`): the client sent a broken URL.
  if (error instanceof URIError) {
    return { status: 400, details: [{ message: 'Malformed percent-encoding in the URL' }] };
  }
  const framework = (error ?? {}) as FrameworkError;
  const known = framework.type ? FRAMEWORK_ERRORS[framework.type] : undefined;
  if (known) return known(framework);
  if (framework.status && framework.status >= 400 && framework.status < 500 && framework.expose) {
    return { status: framework.status, details: [{ message: framework.message ?? 'Bad request' }] };
  }
  return { status: 500, details: [{ message: 'Internal server error' }] };
}

export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => {
    next(new HttpError(404, `No route for ${req.method} ${req.path}`));
  };
}

/** The last middleware: every error becomes the documented error body; stacks stay in the log. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const { status, details, retryAfterSeconds } = toClientFacingError(error);
    const log = (req as { log?: Logger }).log ?? logger;
    if (status >= 500) log.error({ err: error }, 'request failed');
    if (retryAfterSeconds) res.setHeader('Retry-After', String(retryAfterSeconds));
    res.status(status).json(errorBody(...details));
  };
}
