import type { BackgroundWorker, BackoffOptions, Logger } from '@blog/service-kit';
import { backoffDelay, sleep } from '@blog/service-kit';
import type { OutboxStore } from './outbox';
import { EventRejectedError, type EventPublisher } from './publisher';

export interface OutboxRelayOptions {
  /** Aggregates read per round. */
  batchSize?: number;
  /** How often to look for events when nobody called `notify()`: picks up what a crash left. */
  pollIntervalMs?: number;
  /** Delays between attempts while the event-bus or the database is down. */
  backoff?: BackoffOptions;
}

type Round = 'drained' | 'more' | 'failed';

/**
 * Publishes what the outbox holds, in write order, and marks it published. Runs beside the
 * HTTP server; a write calls `notify()` so its event leaves at once instead of at the next poll.
 * While the event-bus is down it backs off and keeps everything; nothing is dropped.
 */
export class OutboxRelay implements BackgroundWorker {
  readonly name = 'outbox-relay';
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly backoff: BackoffOptions;
  private readonly stopping = new AbortController();
  private running?: Promise<void>;
  private notified = false;
  private wake?: () => void;

  constructor(
    private readonly store: OutboxStore,
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
    {
      batchSize = 100,
      pollIntervalMs = 1000,
      backoff = { initialMs: 100, maxMs: 10_000 },
    }: OutboxRelayOptions = {},
  ) {
    this.batchSize = batchSize;
    this.pollIntervalMs = pollIntervalMs;
    this.backoff = backoff;
  }

  notify(): void {
    this.notified = true;
    this.wake?.();
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** Finishes the round in progress; what is left stays in the outbox for the next start. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.wake?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping.signal.aborted) {
      this.notified = false;
      const round = await this.round();
      if (round === 'more') continue;
      if (round === 'failed') {
        failures += 1;
        await sleep(backoffDelay(failures, this.backoff), this.stopping.signal);
        continue;
      }
      failures = 0;
      // A stop() that came during the round found nothing to wake: do not start waiting now.
      if (!this.notified && !this.stopping.signal.aborted) await this.idle();
    }
  }

  private async round(): Promise<Round> {
    try {
      const entries = await this.store.pendingOutbox(this.batchSize);
      if (entries.length === 0) return 'drained';
      const events = entries.flatMap((entry) => entry.events);
      await this.publisher.publish(events);
      await this.store.markPublished(entries);
      this.logger.debug({ events: events.length }, 'outbox events published');
      return entries.length === this.batchSize ? 'more' : 'drained';
    } catch (error) {
      if (error instanceof EventRejectedError) {
        // A bug, not an outage: the events stay in the outbox and this is logged until fixed.
        this.logger.error({ err: error }, 'event-bus rejected outbox events');
      } else {
        this.logger.warn({ err: error }, 'outbox relay will retry');
      }
      return 'failed';
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.wake = done;
    });
  }
}
