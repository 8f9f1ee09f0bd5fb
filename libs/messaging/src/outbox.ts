import type { BlogEvent } from '@blog/contracts';

/**
 * The unpublished events of one aggregate (a post, a comment). They are stored in the same
 * document as the aggregate, by the same single-document write that changed it, so a change and
 * the event announcing it are saved together or not at all.
 */
export interface OutboxEntry {
  aggregateId: string;
  /** How many of this aggregate's events had been published when this entry was read. */
  publishedCount: number;
  /** The unpublished events, in the order they were written. */
  events: BlogEvent[];
}

/** The storage side of the transactional outbox, implemented by each service's store. */
export interface OutboxStore {
  /** Entries with unpublished events, oldest aggregate first. */
  pendingOutbox(limit: number): Promise<OutboxEntry[]>;
  /**
   * Records that the entries' events reached the event-bus. An entry whose aggregate has been
   * marked by someone else since it was read (another replica's relay) is left alone: at worst
   * its events are published again, which the bus ignores.
   */
  markPublished(entries: OutboxEntry[]): Promise<void>;
}

/** Outbox bookkeeping for the in-memory stores, with the same semantics as the MongoDB one. */
export class MemoryOutbox implements OutboxStore {
  /**
   * How many of each aggregate's events were published. Like `outboxPublished` in MongoDB it
   * never goes back, not even when nothing is pending: a count that restarted at zero would let
   * a stale mark match again and hide an event appended since.
   */
  private readonly published = new Map<string, number>();
  /** Aggregates with unpublished events, oldest first (a Map keeps insertion order). */
  private readonly unpublished = new Map<string, BlogEvent[]>();

  append(aggregateId: string, ...events: BlogEvent[]): void {
    const pending = this.unpublished.get(aggregateId);
    if (pending) pending.push(...events);
    else this.unpublished.set(aggregateId, [...events]);
  }

  pendingOutbox(limit: number): Promise<OutboxEntry[]> {
    const entries: OutboxEntry[] = [];
    for (const [aggregateId, events] of this.unpublished) {
      if (entries.length >= limit) break;
      const publishedCount = this.published.get(aggregateId) ?? 0;
      entries.push({ aggregateId, publishedCount, events: [...events] });
    }
    return Promise.resolve(entries);
  }

  markPublished(entries: OutboxEntry[]): Promise<void> {
    for (const { aggregateId, publishedCount, events } of entries) {
      if ((this.published.get(aggregateId) ?? 0) !== publishedCount) continue;
      this.published.set(aggregateId, publishedCount + events.length);
      const pending = this.unpublished.get(aggregateId) ?? [];
      pending.splice(0, events.length);
      if (pending.length === 0) this.unpublished.delete(aggregateId);
    }
    return Promise.resolve();
  }
}
