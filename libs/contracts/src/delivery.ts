import { z } from 'zod';

/**
 * How the event-bus talks to a subscriber's `POST /events`: the body is the event, these headers
 * say where it sits in the log and how many times it has been tried.
 * The answer decides what happens next:
 * - 2xx: delivered;
 * - 408, 429 and 5xx, or no answer in time: tried again later, with backoff;
 * - any other 4xx: the event can never be processed; it is dead-lettered, kept for inspection.
 */
export const DELIVERY_HEADERS = {
  sequence: 'x-event-seq',
  attempt: 'x-delivery-attempt',
} as const;

export type DeliveryVerdict = 'delivered' | 'retry' | 'dead-letter';

export function verdictForStatus(status: number): DeliveryVerdict {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'dead-letter';
}

/** A subscriber's 200 answer: it took the event, or acknowledged a type it does not handle. */
export const deliveryAnswerSchema = z
  .object({ status: z.enum(['processed', 'ignored']) })
  .meta({ id: 'DeliveryAnswer' });
export type DeliveryAnswer = z.infer<typeof deliveryAnswerSchema>;
