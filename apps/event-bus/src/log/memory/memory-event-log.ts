import type { BlogEvent } from '@blog/contracts';
import type { AppendResult, EventLog, LoggedEvent, SubscriberCursor } from '../event-log';
import { Changes } from '../changes';
import { MemoryCursor } from './memory-cursor';

/**
 * The log of the zero-dependency mode: everything lives in this process and is gone when it
 * stops. Seqs start at 1, ids are remembered forever, so a duplicate is recognised at any age.
 */
export class MemoryEventLog implements EventLog {
  readonly readiness = [];
  private readonly events: BlogEvent[] = [];
  private readonly seqById = new Map<string, number>();
  private readonly cursors = new Map<string, MemoryCursor>();
  private readonly changes = new Changes();

  append(events: BlogEvent[]): Promise<AppendResult[]> {
    const results = events.map((event) => this.appendOne(event));
    this.changes.notify();
    return Promise.resolve(results);
  }

  read(after: number, limit: number): Promise<LoggedEvent[]> {
    return Promise.resolve(
      this.events.slice(after, after + limit).map((event, index) => ({
        seq: after + index + 1,
        event,
      })),
    );
  }

  cursor(subscriber: string): SubscriberCursor {
    let cursor = this.cursors.get(subscriber);
    if (!cursor) {
      cursor = new MemoryCursor(this.events, this.changes);
      this.cursors.set(subscriber, cursor);
    }
    return cursor;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private appendOne(event: BlogEvent): AppendResult {
    const original = this.seqById.get(event.id);
    if (original !== undefined) return { seq: original, duplicate: true };
    this.events.push(event);
    this.seqById.set(event.id, this.events.length);
    return { seq: this.events.length, duplicate: false };
  }
}
