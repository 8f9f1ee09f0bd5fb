import type { BlogEvent } from '@blog/contracts';
import { DependencyUnavailableError, createHttpClient } from '@blog/service-kit';
import { isAxiosError, type AxiosInstance } from 'axios';

/** Where services send the events they produce. */
export interface EventPublisher {
  /** Resolves once the event-bus has stored every event, in order. */
  publish(events: BlogEvent[]): Promise<void>;
}

/** The event-bus refused the events as invalid: sending them again will not help. */
export class EventRejectedError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`event-bus rejected the events with ${status}: ${JSON.stringify(body)}`);
    this.name = 'EventRejectedError';
  }
}

/** Largest number of events sent in one request to `POST /events/batch`. */
export const PUBLISH_BATCH_MAX = 500;

/**
 * Publishes to the event-bus over HTTP. Every event carries its id and the bus stores an id once,
 * so repeating a request is safe; the client therefore retries POSTs too.
 */
export class HttpEventPublisher implements EventPublisher {
  constructor(private readonly client: AxiosInstance) {}

  static forBus(eventBusUrl: string, timeoutMs = 5000): HttpEventPublisher {
    return new HttpEventPublisher(
      createHttpClient({ baseURL: eventBusUrl, timeoutMs, retries: 2, retryNonIdempotent: true }),
    );
  }

  async publish(events: BlogEvent[]): Promise<void> {
    for (let start = 0; start < events.length; start += PUBLISH_BATCH_MAX) {
      const batch = events.slice(start, start + PUBLISH_BATCH_MAX);
      await this.send(
        batch.length === 1 ? ['/events', batch[0]] : ['/events/batch', { events: batch }],
      );
    }
  }

  private async send([path, body]: [string, unknown]): Promise<void> {
    try {
      await this.client.post(path, body);
    } catch (error) {
      const status = isAxiosError(error) ? error.response?.status : undefined;
      if (status && status >= 400 && status < 500 && status !== 408 && status !== 429) {
        throw new EventRejectedError(
          status,
          isAxiosError(error) ? error.response?.data : undefined,
        );
      }
      throw new DependencyUnavailableError('event-bus', { cause: error });
    }
  }
}
