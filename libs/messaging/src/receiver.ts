import {
  DELIVERY_HEADERS,
  eventSchema,
  type BlogEvent,
  type EventOfType,
  type EventType,
} from '@blog/contracts';
import { HttpError, parseBody } from '@blog/service-kit';
import { Router, type Request } from 'express';

export interface Delivery {
  /** Position of the event in the event-bus log, when delivered by the bus. */
  sequence?: number;
  /** 1 for the first try; more means the bus is redelivering. */
  attempt: number;
}

export type EventHandler<T extends EventType> = (
  event: EventOfType<T>,
  delivery: Delivery,
) => Promise<void>;

export type EventHandlers = { [T in EventType]?: EventHandler<T> };

/**
 * Runs the handler for the event's type; resolves to false when the service has none (it does
 * not take that type). Shared by pushed deliveries and by replays of the log.
 */
export async function dispatchEvent(
  handlers: EventHandlers,
  event: BlogEvent,
  delivery: Delivery,
): Promise<boolean> {
  const handler = handlers[event.type] as EventHandler<typeof event.type> | undefined;
  if (!handler) return false;
  await handler(event, delivery);
  return true;
}

/**
 * Thrown by a handler for an event that can never be processed (it refers to something this
 * service will never have). Answered with 422, which the event-bus dead-letters instead of retrying.
 */
export class UnprocessableEventError extends HttpError {
  constructor(message: string) {
    super(422, message);
    this.name = 'UnprocessableEventError';
  }
}

/**
 * `POST /events`, the endpoint the event-bus delivers to. Handlers must be idempotent: delivery is
 * at-least-once. The answer tells the bus what to do (see DELIVERY_HEADERS): an invalid event gets
 * 400, an event type this service does not handle is acknowledged and ignored, a dependency that
 * is down gives 503 so the bus retries.
 */
export function eventReceiver(handlers: EventHandlers): Router {
  const router = Router();
  router.post('/events', async (req, res) => {
    const event = parseBody(eventSchema, req);
    const processed = await dispatchEvent(handlers, event, deliveryOf(req));
    res.json({ status: processed ? 'processed' : 'ignored' });
  });
  return router;
}

function deliveryOf(req: Request): Delivery {
  const sequence = Number(req.get(DELIVERY_HEADERS.sequence));
  const attempt = Number(req.get(DELIVERY_HEADERS.attempt));
  return {
    ...(Number.isSafeInteger(sequence) && sequence > 0 ? { sequence } : {}),
    attempt: Number.isSafeInteger(attempt) && attempt > 0 ? attempt : 1,
  };
}
