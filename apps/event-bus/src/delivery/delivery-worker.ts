import type { BackgroundWorker, BackoffOptions, Logger } from '@blog/service-kit';
import { backoffDelay, sleep } from '@blog/service-kit';
import type {
  CursorState,
  DeadLetter,
  PendingDelivery,
  RedriveResult,
  RedriveStep,
  SubscriberCursor,
} from '../log/event-log';
import type { BusMetrics } from '../metrics';
import { takesEvent, type Subscriber } from '../subscribers';
import type { Answer } from './answer';
import type { SubscriberClient } from './subscriber-client';

export interface DeliveryPolicy {
  /** Answers of a subscriber that crashes on an event (500) before the event is dead-lettered. */
  maxAttempts: number;
  /** Delays between redeliveries of an event, and between tries while the log is unreachable. */
  backoff: BackoffOptions;
}

/** A subscription as `GET /subscriptions` shows it. */
export interface SubscriptionState extends CursorState {
  name: string;
  url: string;
  types: Subscriber['types'];
  /** Redeliveries this bus instance has scheduled since it started. */
  retries: number;
  lastError: { message: string; at: string } | null;
}

/**
 * Delivers one subscriber's events, one at a time, in log order. Everything here is shared by
 * both event logs; the cursor is what keeps the position, the retries and the dead letters.
 */
export class DeliveryWorker implements BackgroundWorker {
  readonly name: string;
  private readonly stopping = new AbortController();
  private running?: Promise<void>;
  /** Deliveries and redrives of this subscriber run one at a time, in the order they came. */
  private exclusive: Promise<unknown> = Promise.resolve();
  /** 500 answers so far for the event at `seq`; counted in memory, so they restart with the process. */
  private crashes = { seq: 0, count: 0 };
  private retries = 0;
  private lastError: SubscriptionState['lastError'] = null;

  constructor(
    readonly subscriber: Subscriber,
    private readonly cursor: SubscriberCursor,
    private readonly client: SubscriberClient,
    private readonly policy: DeliveryPolicy,
    private readonly metrics: BusMetrics,
    private readonly logger: Logger,
  ) {
    this.name = `deliveries to ${subscriber.name}`;
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** Takes no new event, lets the delivery in flight finish and settle, then resolves. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  async state(): Promise<SubscriptionState> {
    const { name, url, types } = this.subscriber;
    const cursor = await this.cursor.state();
    return { name, url, types, ...cursor, retries: this.retries, lastError: this.lastError };
  }

  deadLetters(limit: number): Promise<DeadLetter[]> {
    return this.cursor.deadLetters(limit);
  }

  /** Delivers each dead letter once more; stops early when the subscriber is unavailable. */
  redrive(): Promise<RedriveResult> {
    return this.serially(() => this.cursor.redrive((letter) => this.redeliver(letter)));
  }

  private async loop(): Promise<void> {
    const { signal } = this.stopping;
    let failures = 0;
    while (!signal.aborted) {
      try {
        const pending = await this.cursor.next(signal);
        if (pending) await this.serially(() => this.deliver(pending));
        failures = 0;
      } catch (error) {
        // The log is unreachable (or refused to settle): the event stays where it is, try again.
        failures += 1;
        this.logger.warn({ err: error, subscriber: this.subscriber.name }, 'delivery paused');
        await sleep(backoffDelay(failures, this.policy.backoff), signal);
      }
    }
  }

  private async deliver(pending: PendingDelivery): Promise<void> {
    const { name } = this.subscriber;
    if (!takesEvent(this.subscriber, pending.event.type)) {
      this.metrics.deliveryAttempted(name, 'skipped');
      return pending.settle();
    }
    const answer = await this.client.push(pending, pending.attempt);
    this.metrics.deliveryAttempted(name, answer.outcome);
    if (answer.outcome === 'delivered') {
      this.logger.debug({ subscriber: name, seq: pending.seq }, 'event delivered');
      return pending.settle();
    }

    this.noteFailure(pending, answer.reason);
    if (!this.givesUpOn(pending, answer)) {
      this.retries += 1;
      return pending.retryAfter(backoffDelay(pending.attempt, this.policy.backoff));
    }
    this.metrics.deadLetterAdded(name);
    this.logger.error(
      { subscriber: name, seq: pending.seq, reason: answer.reason },
      'event dead-lettered',
    );
    return pending.deadLetter({
      seq: pending.seq,
      event: pending.event,
      reason: answer.reason,
      attempts: pending.attempt,
      failedAt: new Date().toISOString(),
    });
  }

  private givesUpOn(pending: PendingDelivery, answer: Exclude<Answer, { outcome: 'delivered' }>) {
    if (answer.outcome === 'rejected') return true;
    if (answer.outcome === 'unavailable') return false;
    const previous = this.crashes.seq === pending.seq ? this.crashes.count : 0;
    this.crashes = { seq: pending.seq, count: previous + 1 };
    return this.crashes.count >= this.policy.maxAttempts;
  }

  private async redeliver(letter: DeadLetter): Promise<RedriveStep> {
    const answer = await this.client.push(letter, letter.attempts + 1);
    this.metrics.deliveryAttempted(this.subscriber.name, answer.outcome);
    if (answer.outcome === 'delivered') return 'delivered';
    this.noteFailure(letter, answer.reason);
    // Down or busy: every later letter would wait for the timeout too.
    return answer.outcome === 'unavailable' ? 'stop' : 'kept';
  }

  private noteFailure({ seq }: { seq: number }, reason: string): void {
    this.lastError = { message: `event ${seq}: ${reason}`, at: new Date().toISOString() };
    this.logger.warn({ subscriber: this.subscriber.name, seq, reason }, 'delivery failed');
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.exclusive.then(task);
    this.exclusive = run.catch(() => undefined);
    return run;
  }
}
