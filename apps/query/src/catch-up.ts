import {
  EventLogFormatError,
  dispatchEvent,
  type EventHandlers,
  type EventLogReader,
  type LoggedEvent,
} from '@blog/messaging';
import {
  backoffDelay,
  sleep,
  type BackgroundWorker,
  type BackoffOptions,
  type Logger,
  type ReadinessCheck,
} from '@blog/service-kit';

/**
 * Rebuilds an in-memory read model at start by replaying the event-bus log from the beginning,
 * retrying with backoff while the bus is unreachable. Pushed deliveries are applied meanwhile
 * too: the handlers are idempotent and order-tolerant, so an event seen both ways, or a pushed
 * event ahead of older ones from the log, ends in the same state.
 */
export class LogCatchUp implements BackgroundWorker {
  readonly name = 'catch-up';
  private readonly stopping = new AbortController();
  private running?: Promise<void>;
  /** Seq of the last log event applied: a retry resumes after it instead of from the start. */
  private position = 0;
  private caughtUp = false;

  constructor(
    private readonly reader: EventLogReader,
    private readonly handlers: EventHandlers,
    private readonly logger: Logger,
    private readonly backoff: BackoffOptions = { initialMs: 200, maxMs: 5000 },
  ) {}

  /** Not ready until the whole log has been applied: until then answers would be incomplete. */
  readinessCheck(): ReadinessCheck {
    return { name: this.name, check: () => this.caughtUp };
  }

  start(): void {
    this.running ??= this.catchUp();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  private async catchUp(): Promise<void> {
    const { signal } = this.stopping;
    for (let failures = 1; !signal.aborted; failures += 1) {
      try {
        await this.reader.readAll(this.position, (logged) => this.apply(logged), undefined, signal);
        this.caughtUp = true;
        this.logger.info({ position: this.position }, 'read model rebuilt from the event-bus log');
        return;
      } catch (error) {
        if (signal.aborted) return;
        // An unreadable log needs a person (a newer event schema?); an unreachable bus does not.
        const level = error instanceof EventLogFormatError ? 'error' : 'warn';
        this.logger[level]({ err: error, position: this.position }, 'catch-up will retry');
        await sleep(backoffDelay(failures, this.backoff), signal);
      }
    }
  }

  private async apply({ seq, event }: LoggedEvent): Promise<void> {
    await dispatchEvent(this.handlers, event, { sequence: seq, attempt: 1 });
    this.position = seq;
  }
}
