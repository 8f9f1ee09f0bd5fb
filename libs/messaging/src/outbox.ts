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

interface MemoryOutboxRecord {
  events: BlogEvent[];
  published: number;
}

/** Outbox bookkeeping for the in-memory stores, with the same semantics as the MongoDB one. */
export class MemoryOutbox implements OutboxStore {
  private readonly records = new Map<string, MemoryOutboxRecord>();

  append(aggregateId: string, ...events: BlogEvent[]): void {
    const record = this.records.get(aggregateId) ?? { events: [], published: 0 };
    record.events.push(...events);
    this.records.set(aggregateId, record);
  }

  pendingOutbox(limit: number): Promise<OutboxEntry[]> {
    const entries: OutboxEntry[] = [];
    for (const [aggregateId, { events, published }] of this.records) {
      if (entries.length >= limit) break;
      if (published < events.length) {
        entries.push({ aggregateId, publishedCount: published, events: events.slice(published) });
      }
    }
    return Promise.resolve(entries);
  }

  markPublished(entries: OutboxEntry[]): Promise<void> {
    for (const { aggregateId, publishedCount, events } of entries) {
      const record = this.records.get(aggregateId);
      if (record?.published !== publishedCount) continue;
      record.published += events.length;
      // Fully published aggregates leave the outbox so it does not grow with the data.
      if (record.published === record.events.length) this.records.delete(aggregateId);
    }
    return Promise.resolve();
  }
}
