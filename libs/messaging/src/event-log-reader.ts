import { eventSchema, type BlogEvent } from '@blog/contracts';
import { DependencyUnavailableError, createHttpClient } from '@blog/service-kit';
import type { AxiosInstance } from 'axios';
import { z } from 'zod';

const pageSchema = z.object({
  events: z.array(z.object({ seq: z.number().int(), event: eventSchema })),
  next: z.number().int().nullable(),
});

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

  /** Calls `onEvent` for every event after `after`, in log order; resolves with the last seq seen. */
  async readAll(
    after: number,
    onEvent: (logged: LoggedEvent) => Promise<void>,
    pageSize = 500,
  ): Promise<number> {
    let cursor: number | null = after;
    let last = after;
    while (cursor !== null) {
      const page = await this.page(cursor, pageSize);
      for (const logged of page.events) {
        await onEvent(logged);
        last = logged.seq;
      }
      cursor = page.next;
    }
    return last;
  }

  private async page(after: number, limit: number): Promise<z.infer<typeof pageSchema>> {
    try {
      const { data } = await this.client.get<unknown>('/events', { params: { after, limit } });
      return pageSchema.parse(data);
    } catch (error) {
      throw new DependencyUnavailableError('event-bus', { cause: error });
    }
  }
}
