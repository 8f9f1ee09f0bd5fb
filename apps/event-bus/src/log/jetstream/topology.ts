import type { EventType } from '@blog/contracts';
import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  StorageType,
  type ConsumerConfig,
  type ConsumerInfo,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

export interface TopologySettings {
  /** The stream of every event, e.g. `BLOG_EVENTS`; dead letters go to `<stream>_DEAD`. */
  stream: string;
  /** Events of type T are stored under `<prefix>.T`, dead letters under `<prefix>_dead.<subscriber>`. */
  subjectPrefix: string;
  /** How long an event id is remembered to recognise a duplicate publish. */
  duplicateWindowMs: number;
  /** How long a subscriber may take to answer one delivery. */
  deliveryTimeoutMs: number;
}

/**
 * Time JetStream gives a delivery to settle (ack, nak or term) beyond the subscriber's timeout
 * before it hands the event out again, to this bus or another replica: one that crashed mid-way.
 */
const SETTLE_MARGIN_MS = 5_000;

/**
 * How the log maps onto JetStream: one stream of every event (subjects per type), one stream of
 * dead letters (subjects per subscriber), one durable consumer per subscriber, named after it.
 */
export class Topology {
  readonly stream: string;
  readonly deadLetterStream: string;

  constructor(private readonly settings: TopologySettings) {
    this.stream = settings.stream;
    this.deadLetterStream = `${settings.stream}_DEAD`;
  }

  eventSubject(type: EventType): string {
    return `${this.settings.subjectPrefix}.${type}`;
  }

  deadLetterSubject(subscriber: string): string {
    return `${this.settings.subjectPrefix}_dead.${subscriber}`;
  }

  /** Creates the streams that are missing; replicas starting together may all do so safely. */
  async ensureStreams(jsm: JetStreamManager): Promise<void> {
    const { subjectPrefix, duplicateWindowMs } = this.settings;
    const common = { storage: StorageType.File, duplicate_window: nanos(duplicateWindowMs) };
    await ensureStream(jsm, {
      ...common,
      name: this.stream,
      description: 'Every event of the blog, in order (apps/event-bus)',
      subjects: [`${subjectPrefix}.>`],
    });
    await ensureStream(jsm, {
      ...common,
      name: this.deadLetterStream,
      description: 'Events a subscriber could not take, until redriven (apps/event-bus)',
      subjects: [`${subjectPrefix}_dead.>`],
    });
  }

  /**
   * The subscriber's durable consumer, created at the start of the stream the first time.
   * `max_ack_pending: 1` is what keeps its events in order: while one is unsettled (even when
   * nak-ed with a delay) JetStream hands out no other, to this bus or any replica.
   */
  async ensureConsumer(jsm: JetStreamManager, subscriber: string): Promise<ConsumerInfo> {
    const ackWait = nanos(this.settings.deliveryTimeoutMs + SETTLE_MARGIN_MS);
    try {
      const info = await jsm.consumers.info(this.stream, subscriber);
      if (info.config.ack_wait === ackWait && info.config.max_ack_pending === 1) return info;
      return await jsm.consumers.update(this.stream, subscriber, {
        ack_wait: ackWait,
        max_ack_pending: 1,
      });
    } catch (error) {
      if (!isApiError(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
      const config: Partial<ConsumerConfig> = {
        durable_name: subscriber,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ack_wait: ackWait,
        max_ack_pending: 1,
      };
      return jsm.consumers.add(this.stream, config);
    }
  }
}

/** Adds the stream if missing; an existing one is kept, with only its duplicate window updated. */
async function ensureStream(
  jsm: JetStreamManager,
  config: Partial<StreamConfig> & { name: string },
): Promise<void> {
  try {
    const existing = await jsm.streams.info(config.name);
    if (existing.config.duplicate_window !== config.duplicate_window) {
      await jsm.streams.update(config.name, { duplicate_window: config.duplicate_window });
    }
  } catch (error) {
    if (!isApiError(error, JetStreamApiCodes.StreamNotFound)) throw error;
    // Adding a stream that another replica just added, with the same config, is not an error.
    await jsm.streams.add(config);
  }
}

function isApiError(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}
