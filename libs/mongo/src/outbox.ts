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

/**
 * Most update statements sent in one command. FerretDB 1.x on SQLite keeps a connection busy for
 * every statement of a command until the whole command ends, out of a pool of 100 per database:
 * a command of 100 statements waits forever for a 101st connection, and every client of the
 * server soon waits with it. Real MongoDB takes 100,000.
 */
const UPDATES_PER_COMMAND_MAX = 50;

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

  /**
   * Entries that were read with the same counts are marked by one `updateMany`: a relay's batch
   * of posts (each 0 published, 1 pending) costs one statement instead of one per document. The
   * `outboxPublished` in the filter keeps it a compare-and-set for each document.
   */
  async markPublished(entries: OutboxEntry[]): Promise<void> {
    const groups = new Map<string, { publishedCount: number; count: number; ids: string[] }>();
    for (const { aggregateId, publishedCount, events } of entries) {
      const key = `${publishedCount}:${events.length}`;
      const group = groups.get(key) ?? { publishedCount, count: events.length, ids: [] };
      group.ids.push(aggregateId);
      groups.set(key, group);
    }
    const statements = [...groups.values()];
    for (let start = 0; start < statements.length; start += UPDATES_PER_COMMAND_MAX) {
      await this.send(statements.slice(start, start + UPDATES_PER_COMMAND_MAX));
    }
  }

  private send(groups: { publishedCount: number; count: number; ids: string[] }[]): Promise<void> {
    return withDatabase(async () => {
      await serializeWrites(
        this.model,
        groups.flatMap((group) => group.ids),
        () =>
          this.model.bulkWrite(
            groups.map(({ publishedCount, count, ids }) => ({
              updateMany: {
                filter: { _id: { $in: ids }, outboxPublished: publishedCount },
                update: { $inc: { outboxPublished: count, outboxPending: -count } },
              },
            })),
            { ordered: false },
          ),
      );
    });
  }
}
