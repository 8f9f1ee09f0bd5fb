import { verdictForStatus } from '@blog/contracts';

/**
 * What a subscriber's answer means for the event (the protocol is in @blog/contracts'
 * delivery.ts), with the one distinction the bus adds: among the answers worth retrying, a
 * subscriber that is down or busy is waited for forever, one that crashes on the event is not.
 */
export type Answer =
  | { outcome: 'delivered' }
  /** No answer, or one saying "not now" (408, 429, 502, 503, 504): retried until it takes it. */
  | { outcome: 'unavailable'; reason: string }
  /** It failed on this event (500 and the other 5xx): retried up to MAX_ATTEMPTS times. */
  | { outcome: 'crashed'; reason: string }
  /** It can never take this event (any other 4xx): dead-lettered at once. */
  | { outcome: 'rejected'; reason: string };

export type Outcome = Answer['outcome'];

const NOT_NOW = new Set([408, 429, 502, 503, 504]);
const REASON_MAX_LENGTH = 300;

export function answerForStatus(status: number, body: unknown): Answer {
  const verdict = verdictForStatus(status);
  if (verdict === 'delivered') return { outcome: 'delivered' };
  const reason = clip(`answered ${status}${errorMessageIn(body)}`);
  if (verdict === 'dead-letter') return { outcome: 'rejected', reason };
  return { outcome: NOT_NOW.has(status) ? 'unavailable' : 'crashed', reason };
}

export function answerForNoResponse(error: unknown): Answer {
  const message = error instanceof Error ? error.message : String(error);
  return { outcome: 'unavailable', reason: clip(`no answer: ${message}`) };
}

/** The first message of a body in the blog's error shape, so dead letters say why. */
function errorMessageIn(body: unknown): string {
  const errors = (body as { errors?: unknown } | null)?.errors;
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  const message = (first as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? `: ${message}` : '';
}

function clip(text: string): string {
  return text.length > REASON_MAX_LENGTH ? `${text.slice(0, REASON_MAX_LENGTH - 1)}…` : text;
}
