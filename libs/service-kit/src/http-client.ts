import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import axiosRetry, {
  exponentialDelay,
  isIdempotentRequestError,
  isRetryableError,
} from 'axios-retry';

export interface HttpClientOptions {
  baseURL: string;
  /** Per-attempt timeout in ms. */
  timeoutMs?: number;
  /** Extra attempts for network errors, timeouts and 5xx answers to idempotent requests. */
  retries?: number;
  /** Retry POSTs too: only for APIs where repeating a request is harmless (e.g. keyed by event id). */
  retryNonIdempotent?: boolean;
}

/**
 * An axios client for calling another service: keep-alive connections (a new TCP connection per
 * call is what exhausts sockets under load), a short timeout, and a few retries with backoff.
 * Non-idempotent requests are retried only when the caller says repeating them is harmless.
 */
export function createHttpClient({
  baseURL,
  timeoutMs = 2000,
  retries = 2,
  retryNonIdempotent = false,
}: HttpClientOptions): AxiosInstance {
  const client = axios.create({
    baseURL,
    timeout: timeoutMs,
    httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }),
    httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 64 }),
    maxRedirects: 0,
    // Timeouts as ETIMEDOUT, which axios-retry retries (never ECONNABORTED, the default code).
    transitional: { clarifyTimeoutError: true },
  });
  axiosRetry(client, {
    retries,
    retryDelay: (retryCount, error) => exponentialDelay(retryCount, error, 50),
    // Not axios-retry's default, which repeats any request after a network error, a POST too,
    // though the server may have processed it before the connection dropped.
    retryCondition: retryNonIdempotent ? isRetryableError : isIdempotentRequestError,
    shouldResetTimeout: true,
  });
  return client;
}
