import type { BlogEvent } from '@blog/contracts';
import type {
  CursorState,
  DeadLetter,
  PendingDelivery,
  RedriveResult,
  RedriveStep,
  SubscriberCursor,
} from '../event-log';
import type { Changes } from '../changes';

/**
 * One subscriber's progress through the memory log. The event after `position` is the only one
 * it hands out; while it is out, or waiting for its retry, nothing after it is.
 */
export class MemoryCursor implements SubscriberCursor {
  private position = 0;
  /** Times the event after `position` has been handed out. */
  private attempts = 0;
  private handedOut = false;
  /** When the event after `position` may be handed out again; set by a retry. */
  private retryAt?: number;
  private readonly letters: DeadLetter[] = [];

  constructor(
    /** The log's events; seq n is at index n - 1. */
    private readonly events: readonly BlogEvent[],
    private readonly changes: Changes,
  ) {}

  async next(signal: AbortSignal): Promise<PendingDelivery | undefined> {
    while (!signal.aborted) {
      const seq = this.position + 1;
      const event = this.events[seq - 1];
      if (!event || this.handedOut) {
        // Until an append, or until the event out for delivery is settled or given back.
        await this.changes.wait(signal);
        continue;
      }
      const retryIn = (this.retryAt ?? 0) - Date.now();
      if (retryIn <= 0) return this.handOut(seq, event);
      await this.changes.wait(signal, retryIn);
    }
    return undefined;
  }

  state(): Promise<CursorState> {
    return Promise.resolve({
      position: this.position,
      lag: this.events.length - this.position,
      inFlight: this.handedOut || this.retryAt !== undefined ? 1 : 0,
      deadLetters: this.letters.length,
    });
  }

  deadLetters(limit: number): Promise<DeadLetter[]> {
    return Promise.resolve(this.letters.slice(0, limit));
  }

  async redrive(deliver: (letter: DeadLetter) => Promise<RedriveStep>): Promise<RedriveResult> {
    let redriven = 0;
    for (const letter of [...this.letters]) {
      const step = await deliver(letter);
      if (step === 'stop') break;
      if (step === 'delivered') {
        this.letters.splice(this.letters.indexOf(letter), 1);
        redriven += 1;
      }
    }
    return { redriven, remaining: this.letters.length };
  }

  private handOut(seq: number, event: BlogEvent): PendingDelivery {
    this.handedOut = true;
    this.retryAt = undefined;
    this.attempts += 1;
    const takeBack = () => {
      if (!this.handedOut || this.position + 1 !== seq) {
        throw new Error(`event ${seq} was already settled`);
      }
      this.handedOut = false;
    };
    return {
      seq,
      event,
      attempt: this.attempts,
      settle: () => {
        takeBack();
        this.moveTo(seq);
        return Promise.resolve();
      },
      retryAfter: (delayMs) => {
        takeBack();
        this.retryAt = Date.now() + delayMs;
        this.changes.notify();
        return Promise.resolve();
      },
      deadLetter: (letter) => {
        takeBack();
        this.letters.push(letter);
        this.moveTo(seq);
        return Promise.resolve();
      },
    };
  }

  private moveTo(seq: number): void {
    this.position = seq;
    this.attempts = 0;
    this.changes.notify();
  }
}
