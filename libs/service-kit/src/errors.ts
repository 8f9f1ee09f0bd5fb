import type { ErrorBody } from '@blog/contracts';

export type ErrorDetail = ErrorBody['errors'][number];

/** An error whose status and message are meant for the client. */
export class HttpError extends Error {
  readonly details: ErrorDetail[];

  constructor(
    readonly status: number,
    message: string,
    field?: string,
  ) {
    super(message);
    this.name = 'HttpError';
    this.details = [field === undefined ? { message } : { message, field }];
  }

  static withDetails(status: number, details: ErrorDetail[]): HttpError {
    const error = new HttpError(status, details[0]?.message ?? 'Request failed');
    error.details.splice(0, 1, ...details);
    return error;
  }
}

export class NotFoundError extends HttpError {
  constructor(message: string, field?: string) {
    super(404, message, field);
    this.name = 'NotFoundError';
  }
}

/**
 * A part this service needs (its database, the event-bus, another service) cannot be reached.
 * Answered with 503 so callers, and the event-bus, retry later.
 */
export class DependencyUnavailableError extends Error {
  constructor(
    readonly dependency: string,
    options?: { cause?: unknown },
  ) {
    super(`${dependency} is unavailable`, options);
    this.name = 'DependencyUnavailableError';
  }
}

export function errorBody(...details: ErrorDetail[]): ErrorBody {
  return { errors: details };
}
