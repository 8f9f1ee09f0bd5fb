import type { BlogEvent } from '@blog/contracts';
import type { CaptureServer, CapturedRequest } from './capture-server';

/** The events one request to the event-bus carried: a single event, or a batch of them. */
export function eventsIn({ path, body }: Pick<CapturedRequest, 'path' | 'body'>): BlogEvent[] {
  return path === '/events/batch' ? (body as { events: BlogEvent[] }).events : [body as BlogEvent];
}

/** Every event a CaptureServer standing in for the event-bus has received, in order. */
export function publishedEvents(bus: CaptureServer): BlogEvent[] {
  return bus.requests.flatMap(eventsIn);
}
