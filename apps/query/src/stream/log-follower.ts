import { EventEmitter, once } from 'node:events';
import type { PostStreamMessage } from '@blog/contracts';
import type { EventLogReader, LoggedEvent } from '@blog/messaging';
import { backoffDelay, sleep, type BackoffOptions, type Logger } from '@blog/service-kit';
import { toStreamMessage } from './stream-message';

export interface LogFollowerOptions {
  /** Pause between two reads of the log that found nothing new. */
  pollIntervalMs: number;
  /** How many of the latest changes are kept for the streams to read. */
  windowSize: number;
  backoff?: BackoffOptions;
}

/** Events asked for per `GET /events`: the largest page the bus serves. */
const PAGE_SIZE = 1000;

/**
 * Follows the event-bus log for every stream of this process: one reader however many clients
 * are connected, polling `GET /events` only while at least one is. The log holds what every
 * replica of query applied, so a stream fed from here misses nothing, whichever replica it is on.
 *
 * The latest changes (`windowSize` of them) stay in memory for the streams to read; a stream
 * further behind reads the log itself (`changesAfter` answers undefined). While no client is
 * connected nothing is read, and the next one resumes from where the last one left.
 */
export class LogFollower {
  /** Every change with a seq above `windowStart`, up to `head`, in log order. */
  private readonly window: PostStreamMessage[] = [];
  private windowStart = 0;
  /** The seq of the last event read from the log. */
  private head = 0;
  private caughtUp = false;
  private users = 0;
  private run?: AbortController;
  private readonly changes = new EventEmitter().setMaxListeners(0);

  constructor(
    private readonly reader: EventLogReader,
    private readonly logger: Logger,
    private readonly options: LogFollowerOptions,
  ) {}

  /** A stream starts reading; the first one starts the polling. */
  acquire(): void {
    this.users += 1;
    if (this.users === 1) {
      this.run = new AbortController();
      void this.follow(this.run.signal);
    }
  }

  /** A stream is done; the last one stops the polling. */
  release(): void {
    this.users -= 1;
    if (this.users === 0) this.run?.abort();
  }

  /** Resolves once the log has been read to its end at least once: `head` means something. */
  async untilCaughtUp(signal: AbortSignal): Promise<void> {
    while (!this.caughtUp) await this.nextChange(signal);
  }

  /** Resolves when new changes have been read (or the first read reached the end of the log). */
  async nextChange(signal: AbortSignal): Promise<void> {
    await once(this.changes, 'change', { signal });
  }

  /**
   * Where a client that names no position starts: a little before the end of the log. The
   * page it loads next comes from the read model, which may not have applied the last events
   * yet; replaying them is harmless (a client applies each change once, by id and version),
   * missing them is not.
   */
  freshStart(overlap: number): number {
    return Math.max(this.windowStart, this.head - overlap, 0);
  }

  /** The changes after `seq` that are in memory, or undefined when the window starts later. */
  changesAfter(seq: number): PostStreamMessage[] | undefined {
    if (seq < this.windowStart) return undefined;
    const first = this.window.findIndex((message) => message.seq > seq);
    return first === -1 ? [] : this.window.slice(first);
  }

  private async follow(signal: AbortSignal): Promise<void> {
    const backoff = this.options.backoff ?? { initialMs: 200, maxMs: 5000 };
    for (let failures = 0; !signal.aborted;) {
      try {
        const before = this.head;
        await this.reader.readAll(this.head, (logged) => this.take(logged), PAGE_SIZE, signal);
        failures = 0;
        if (this.head !== before || !this.caughtUp) {
          this.caughtUp = true;
          this.changes.emit('change');
        }
        await sleep(this.options.pollIntervalMs, signal);
      } catch (error) {
        if (signal.aborted) return;
        failures += 1;
        this.logger.warn({ err: error, head: this.head }, 'event stream: reading the log failed');
        await sleep(backoffDelay(failures, backoff), signal);
      }
    }
  }

  private take(logged: LoggedEvent): Promise<void> {
    // A read cut short is read again from `head`, so an event may come twice: keep it once.
    if (logged.seq <= this.head) return Promise.resolve();
    this.head = logged.seq;
    const message = toStreamMessage(logged);
    if (message) {
      this.window.push(message);
      if (this.window.length > this.options.windowSize) this.windowStart = this.window.shift()!.seq;
    }
    return Promise.resolve();
  }
}
