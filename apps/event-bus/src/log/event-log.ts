import type { BlogEvent } from '@blog/contracts';
import type { LoggedEvent } from '@blog/messaging';
import type { ReadinessCheck } from '@blog/service-kit';

export type { LoggedEvent };

export interface AppendResult {
  /** Position of the event in the log; the original one when `duplicate`. */
  seq: number;
  /** The id was already in the log: nothing was stored. */
  duplicate: boolean;
}

/** An event a subscriber could not take, kept aside until someone redrives it. */
export interface DeadLetter extends LoggedEvent {
  reason: string;
  /** Deliveries tried before it was set aside. */
  attempts: number;
  failedAt: string;
}

/** What the log knows of one subscriber's progress. */
export interface CursorState {
  /** Seq of the last event settled (delivered, skipped or dead-lettered); 0 before the first. */
  position: number;
  /** Events in the log after `position`. */
  lag: number;
  /** Events handed out and not settled yet, including one waiting for its retry: 0 or 1. */
  inFlight: number;
  deadLetters: number;
}

/**
 * An event handed out for delivery to one subscriber. Exactly one of the three settles it; until
 * then the cursor hands out nothing else, which is what keeps each subscriber's events in order.
 */
export interface PendingDelivery extends LoggedEvent {
  /** 1 on the first delivery of this event to this subscriber, then one more per redelivery. */
  attempt: number;
  /** Delivered, or not for this subscriber: the cursor moves past it. */
  settle(): Promise<void>;
  /** Hands the same event out again once `delayMs` has passed. */
  retryAfter(delayMs: number): Promise<void>;
  /** Sets the event aside in the subscriber's dead letters; the cursor moves past it. */
  deadLetter(letter: DeadLetter): Promise<void>;
}

/** What a redrive did with one dead letter. `stop` leaves it and every later one in place. */
export type RedriveStep = 'delivered' | 'kept' | 'stop';

export interface RedriveResult {
  redriven: number;
  remaining: number;
}

/** One subscriber's place in the log, with its retries and dead letters. */
export interface SubscriberCursor {
  /** The next event to deliver, once there is one (and its retry delay is over); `undefined` once `signal` aborts. */
  next(signal: AbortSignal): Promise<PendingDelivery | undefined>;
  state(): Promise<CursorState>;
  /** The oldest `limit` dead letters, oldest first. */
  deadLetters(limit: number): Promise<DeadLetter[]>;
  /** Offers each dead letter, oldest first, to `deliver`, and forgets those it delivered. */
  redrive(deliver: (letter: DeadLetter) => Promise<RedriveStep>): Promise<RedriveResult>;
}

/**
 * The port behind which the bus keeps its events and each subscriber's progress. Adapters:
 * in memory, and NATS JetStream. Both pass `event-log.contract.ts`; an adapter that cannot reach
 * its storage throws DependencyUnavailableError, which the API answers with 503.
 */
export interface EventLog {
  /** Appends in order. An id already in the log is not stored again: its original seq is answered. */
  append(events: BlogEvent[]): Promise<AppendResult[]>;
  /** Up to `limit` events after seq `after`, in log order. */
  read(after: number, limit: number): Promise<LoggedEvent[]>;
  /** The subscriber's cursor; a subscriber the log has never seen starts at the beginning. */
  cursor(subscriber: string): SubscriberCursor;
  readonly readiness: ReadinessCheck[];
  close(): Promise<void>;
}
