import type { BlogEvent } from '@blog/contracts';
import type { Consumer, JsMsg } from '@nats-io/jetstream';
import type {
  CursorState,
  DeadLetter,
  PendingDelivery,
  RedriveResult,
  RedriveStep,
  SubscriberCursor,
} from '../event-log';
import type { JetStreamClients, NatsConnection } from './nats-connection';
import { readStream } from './stream-reader';
import type { Topology } from './topology';

/** How long one pull waits for an event before asking again. */
const PULL_EXPIRES_MS = 10_000;
const REDRIVE_PAGE_SIZE = 100;

/**
 * A subscriber's cursor as a durable JetStream consumer: JetStream keeps the position (the ack
 * floor), counts the deliveries and schedules the retries (`nak` with a delay); the dead letters
 * are messages of the dead-letter stream, under the subscriber's own subject.
 */
export class JetStreamCursor implements SubscriberCursor {
  private consumer?: Consumer;
  private readonly deadLetterSubject: string;

  constructor(
    private readonly nats: NatsConnection,
    private readonly topology: Topology,
    private readonly subscriber: string,
  ) {
    this.deadLetterSubject = topology.deadLetterSubject(subscriber);
  }

  async next(signal: AbortSignal): Promise<PendingDelivery | undefined> {
    for (;;) {
      await this.nats.untilUsable(signal);
      if (signal.aborted) return undefined;
      const message = await this.pull(signal);
      if (message) return this.pending(message);
    }
  }

  state(): Promise<CursorState> {
    return this.nats.use(async ({ jsm }) => {
      const info = await this.topology.ensureConsumer(jsm, this.subscriber);
      return {
        position: info.ack_floor.stream_seq,
        lag: info.num_pending + info.num_ack_pending,
        inFlight: info.num_ack_pending,
        deadLetters: await this.countDeadLetters(jsm),
      };
    });
  }

  deadLetters(limit: number): Promise<DeadLetter[]> {
    return this.nats.use(async (clients) => {
      const messages = await this.readDeadLetters(clients, 1, limit);
      return messages.map((message) => message.json<DeadLetter>());
    });
  }

  redrive(deliver: (letter: DeadLetter) => Promise<RedriveStep>): Promise<RedriveResult> {
    return this.nats.use(async (clients) => {
      let redriven = 0;
      for await (const message of this.everyDeadLetter(clients)) {
        const step = await deliver(message.json<DeadLetter>());
        if (step === 'stop') break;
        if (step === 'delivered') {
          await clients.jsm.streams.deleteMessage(
            this.topology.deadLetterStream,
            message.seq,
            false,
          );
          redriven += 1;
        }
      }
      return { redriven, remaining: await this.countDeadLetters(clients.jsm) };
    });
  }

  private pull(signal: AbortSignal): Promise<JsMsg | null> {
    return this.nats.use(async ({ js, jsm }) => {
      try {
        this.consumer ??= js.consumers.getConsumerFromInfo(
          await this.topology.ensureConsumer(jsm, this.subscriber),
        );
        return await untilAborted(this.consumer.next({ expires: PULL_EXPIRES_MS }), signal);
      } catch (error) {
        // It may be gone (a NATS server that lost its data): make sure of it again next time.
        this.consumer = undefined;
        throw error;
      }
    });
  }

  private pending(message: JsMsg): PendingDelivery {
    return {
      seq: message.seq,
      event: message.json<BlogEvent>(),
      attempt: message.info.deliveryCount,
      settle: async () => {
        // Confirmed, so a stop() that waits for the delivery in flight also waits for this.
        await message.ackAck();
      },
      retryAfter: (delayMs) => {
        message.nak(delayMs);
        return Promise.resolve();
      },
      deadLetter: (letter) =>
        this.nats.use(async ({ js }) => {
          // Copied before it is terminated: a crash in between redelivers it, never loses it;
          // the id makes the copy of a redelivery a duplicate.
          await js.publish(this.deadLetterSubject, JSON.stringify(letter), {
            msgID: `${this.subscriber}:${letter.seq}`,
          });
          message.term();
        }),
    };
  }

  private readDeadLetters(clients: JetStreamClients, from: number, limit: number) {
    const subject = this.deadLetterSubject;
    return readStream(clients, this.topology.deadLetterStream, { from, limit, subject });
  }

  /** The subscriber's dead letters, oldest first, read a page at a time. */
  private async *everyDeadLetter(clients: JetStreamClients): AsyncGenerator<JsMsg> {
    for (let from = 1; ;) {
      const page = await this.readDeadLetters(clients, from, REDRIVE_PAGE_SIZE);
      yield* page;
      const last = page.at(-1);
      if (!last || page.length < REDRIVE_PAGE_SIZE) return;
      from = last.seq + 1;
    }
  }

  private async countDeadLetters(jsm: JetStreamClients['jsm']): Promise<number> {
    const subject = this.deadLetterSubject;
    const info = await jsm.streams.info(this.topology.deadLetterStream, {
      subjects_filter: subject,
    });
    return info.state.subjects?.[subject] ?? 0;
  }
}

/**
 * The pulled message, or null as soon as `signal` aborts, so a stopping worker does not wait for
 * the pull to expire. A message that still arrives after that is handed straight back.
 */
async function untilAborted(
  pull: Promise<JsMsg | null>,
  signal: AbortSignal,
): Promise<JsMsg | null> {
  let onAbort = () => {};
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const first = await Promise.race([pull, aborted]);
    if (first !== 'aborted') return first;
    void pull.then(
      (late) => late?.nak(),
      () => undefined,
    );
    return null;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
