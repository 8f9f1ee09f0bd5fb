import { eventLogPageSchema, type BlogEvent, type EventLogPage } from '@blog/contracts';
import { DependencyUnavailableError, createHttpClient } from '@blog/service-kit';
import type { AxiosInstance } from 'axios';
import type { z } from 'zod';

export interface LoggedEvent {
  seq: number;
  event: BlogEvent;
}

/** Reads the event-bus log (`GET /events?after=&limit=`) page by page. */
export class EventLogReader {
  constructor(private readonly client: AxiosInstance) {}

  static forBus(eventBusUrl: string): EventLogReader {
    return new EventLogReader(
      createHttpClient({ baseURL: eventBusUrl, timeoutMs: 10_000, retries: 3 }),
    );
  }

  /**
   * Calls `onEvent` for every event after `after`, in log order; resolves with the last seq seen.
   * Aborting `signal` cancels the request in flight (no waiting out timeouts and retries).
   */
  async readAll(
    after: number,
    onEvent: (logged: LoggedEvent) => Promise<void>,
    pageSize = 500,
    signal?: AbortSignal,
  ): Promise<number> {
    let cursor: number | null = after;
    let last = after;
    while (cursor !== null) {
      signal?.throwIfAborted();
      const page = await this.page(cursor, pageSize, signal);
      for (const logged of page.events) {
        await onEvent(logged);
        last = logged.seq;
      }
      cursor = page.next;
    }
    return last;
  }

  private async page(after: number, limit: number, signal?: AbortSignal): Promise<EventLogPage> {
    let data: unknown;
    try {
      ({ data } = await this.client.get<unknown>('/events', { params: { after, limit }, signal }));
    } catch (error) {
      signal?.throwIfAborted();
      throw new DependencyUnavailableError('event-bus', { cause: error });
    }
    const page = eventLogPageSchema.safeParse(data);
    if (!page.success) throw new EventLogFormatError(after, page.error);
    return page.data;
  }
}

/** The bus answered, but with a page this version cannot read: not an outage, a mismatch. */
export class EventLogFormatError extends Error {
  constructor(after: number, cause: z.ZodError) {
    super(`event-bus log page after seq ${after} does not match the event schema`, { cause });
    this.name = 'EventLogFormatError';
  }
}
