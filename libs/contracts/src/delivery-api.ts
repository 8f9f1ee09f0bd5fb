import { errorResponse, unavailableResponse, type ApiResponse, type ApiRoute } from './api-route';
import { DELIVERY_HEADERS, deliveryAnswerSchema } from './delivery';
import { eventSchema } from './events';

export interface EventDeliveryRouteOptions {
  /** What this subscriber does with the events it handles. */
  handling: string;
  /** What it needs to take an event; while that is down it answers 503 and the bus retries. */
  dependency: string;
  /** When it answers 422: an event it can never process, which the bus dead-letters. */
  unprocessable?: string;
}

/**
 * `POST /events` as each subscriber serves it (`eventReceiver` in @blog/messaging): where the
 * event-bus delivers, and whose answer tells the bus what to do next (see `verdictForStatus`).
 */
export function eventDeliveryRoute({
  handling,
  dependency,
  unprocessable,
}: EventDeliveryRouteOptions): ApiRoute {
  const responses: Record<number, ApiResponse> = {
    200: {
      description: 'Processed, or ignored: a valid event of a type this service does not handle.',
      body: deliveryAnswerSchema,
    },
    503: unavailableResponse(dependency),
  };
  if (unprocessable) responses[422] = errorResponse(unprocessable);
  return {
    method: 'post',
    path: '/events',
    summary: 'Take an event delivered by the event-bus',
    description:
      `${handling} Delivery is at least once and not always in order; taking an event twice ` +
      'changes nothing. A 2xx answer settles the delivery, 408, 429 and 5xx have it retried, ' +
      'any other 4xx has it dead-lettered.',
    headers: {
      [DELIVERY_HEADERS.sequence]: "The event's position in the event-bus log.",
      [DELIVERY_HEADERS.attempt]: '1 for the first delivery of the event, more for a redelivery.',
    },
    body: eventSchema,
    responses,
  };
}
