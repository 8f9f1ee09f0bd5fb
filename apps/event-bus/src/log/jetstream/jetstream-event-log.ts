import type { BlogEvent } from '@blog/contracts';
import type { Logger, ReadinessCheck } from '@blog/service-kit';
import type { AppendResult, EventLog, LoggedEvent, SubscriberCursor } from '../event-log';
import { JetStreamCursor } from './jetstream-cursor';
import { NatsConnection } from './nats-connection';
import { publishEvent } from './publish-event';
import { readStream } from './stream-reader';
import { Topology, type TopologySettings } from './topology';

export interface JetStreamSettings extends TopologySettings {
  url: string;
}

/**
 * The log in NATS JetStream: durable, shared by every replica of the bus, and deduplicated by
 * event id (`Nats-Msg-Id`) within the stream's duplicate window. See the README for the mapping.
 */
export class JetStreamEventLog implements EventLog {
  readonly readiness: ReadinessCheck[];
  private readonly topology: Topology;
  private readonly nats: NatsConnection;
  private readonly cursors = new Map<string, JetStreamCursor>();

  constructor(settings: JetStreamSettings, logger: Logger) {
    this.topology = new Topology(settings);
    this.nats = new NatsConnection({
      url: settings.url,
      prepare: ({ jsm }) => this.topology.ensureStreams(jsm),
      logger,
    });
    this.readiness = [this.nats.readinessCheck()];
  }

  append(events: BlogEvent[]): Promise<AppendResult[]> {
    return this.nats.use(async ({ js }) => {
      const results: AppendResult[] = [];
      // One at a time: if one fails, only those before it are stored, so the publisher's retry
      // of the whole batch (its duplicates answered with their seqs) keeps the order.
      for (const event of events) {
        results.push(await publishEvent(js, this.topology.eventSubject(event.type), event));
      }
      return results;
    });
  }

  read(after: number, limit: number): Promise<LoggedEvent[]> {
    return this.nats.use(async (clients) => {
      const messages = await readStream(clients, this.topology.stream, { from: after + 1, limit });
      return messages.map((message) => ({ seq: message.seq, event: message.json<BlogEvent>() }));
    });
  }

  cursor(subscriber: string): SubscriberCursor {
    let cursor = this.cursors.get(subscriber);
    if (!cursor) {
      cursor = new JetStreamCursor(this.nats, this.topology, subscriber);
      this.cursors.set(subscriber, cursor);
    }
    return cursor;
  }

  close(): Promise<void> {
    return this.nats.close();
  }
}
