import type { BlogEvent } from '@blog/contracts';
import type { OutboxEntry, OutboxStore } from '@blog/messaging';
import { Schema, type Model } from 'mongoose';
import { serializeWrites } from './document-writes';
import { withDatabase } from './errors';

/**
 * Fields a document needs to carry its own outbox. `outbox` holds every event the aggregate
 * produced, in order (it doubles as its history); the first `outboxPublished` of them reached the
 * event-bus; `outboxPending` is the rest, kept as a number so pending documents can be found by
 * index. The counters only grow or shrink together under a compare-and-set on `outboxPublished`,
 * which never goes back, so two relays can never mark an unpublished event as published.
 */
export interface OutboxFields {
  outbox: BlogEvent[];
  outboxPublished: number;
  outboxPending: number;
}

export const outboxSchemaDefinition = {
  outbox: { type: [Schema.Types.Mixed], default: [] },
  outboxPublished: { type: Number, default: 0 },
  outboxPending: { type: Number, default: 0 },
} as const;

/** Adds the outbox fields and the index the relay reads by. */
export function addOutbox(schema: Schema): void {
  schema.add(outboxSchemaDefinition);
  schema.index({ outboxPending: 1 });
}

/** Initial outbox of a new document. */
export function outboxOf(...events: BlogEvent[]): OutboxFields {
  return { outbox: events, outboxPublished: 0, outboxPending: events.length };
}

/** Update operators that append events, to combine with the update that caused them. */
export function appendToOutbox(...events: BlogEvent[]) {
  return {
    $push: { outbox: { $each: events } },
    $inc: { outboxPending: events.length },
  };
}

/** The OutboxStore of any collection whose documents embed an outbox. */
export class MongoOutbox<T extends OutboxFields> implements OutboxStore {
  constructor(private readonly model: Model<T>) {}

  pendingOutbox(limit: number): Promise<OutboxEntry[]> {
    return withDatabase(async () => {
      const documents = await this.model
        .find({ outboxPending: { $gt: 0 } })
        .select({ outbox: 1, outboxPublished: 1 })
        .sort({ _id: 1 })
        .limit(limit)
        .lean<{ _id: string; outbox: BlogEvent[]; outboxPublished: number }[]>();
      return documents.map((document) => ({
        aggregateId: document._id,
        publishedCount: document.outboxPublished,
        events: document.outbox.slice(document.outboxPublished),
      }));
    });
  }

  markPublished(entries: OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    const ids = entries.map((entry) => entry.aggregateId);
    return withDatabase(async () => {
      await serializeWrites(this.model, ids, () =>
        this.model.bulkWrite(
          entries.map(({ aggregateId, publishedCount, events }) => ({
            updateOne: {
              filter: { _id: aggregateId, outboxPublished: publishedCount },
              update: { $inc: { outboxPublished: events.length, outboxPending: -events.length } },
            },
          })),
          { ordered: false },
        ),
      );
    });
  }
}
