import { newId, type EventData, type EventOfType, type EventType } from '@blog/contracts';

export interface CreateEventOptions {
  /** Defaults to a new UUIDv7. Pass a `deterministicId(...)` for events derived from other events. */
  id?: string;
  occurredAt?: Date;
}

export function createEvent<T extends EventType>(
  type: T,
  data: EventData<T>,
  source: string,
  { id = newId(), occurredAt = new Date() }: CreateEventOptions = {},
): EventOfType<T> {
  return { id, type, occurredAt: occurredAt.toISOString(), source, data } as EventOfType<T>;
}
