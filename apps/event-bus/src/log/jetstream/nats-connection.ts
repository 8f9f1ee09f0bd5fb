import {
  DependencyUnavailableError,
  backoffDelay,
  sleep,
  type BackoffOptions,
  type Logger,
  type ReadinessCheck,
} from '@blog/service-kit';
import { jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection as NatsClientConnection } from '@nats-io/transport-node';
import { Changes } from '../changes';

export interface JetStreamClients {
  js: JetStreamClient;
  jsm: JetStreamManager;
}

export interface NatsConnectionOptions {
  url: string;
  /** Runs after every (re)connection, before the connection is used: creates what is missing. */
  prepare: (clients: JetStreamClients) => Promise<void>;
  logger: Logger;
  /** Delays between attempts to connect, or to prepare, while NATS is not there yet. */
  backoff?: BackoffOptions;
}

/** Longest wait for an answer to a JetStream request (a publish ack, a consumer info). */
const REQUEST_TIMEOUT_MS = 4000;

/**
 * The bus's connection to NATS. The service listens whether or not NATS is up: the first
 * connection is retried in the background, and after it the client reconnects by itself, forever.
 * After every (re)connection `prepare` runs again, so a NATS server that lost its data gets its
 * streams back. Until prepared, operations fail at once with 503 instead of waiting.
 */
export class NatsConnection {
  private connection?: NatsClientConnection;
  private clients?: JetStreamClients;
  private usable = false;
  private readonly usability = new Changes();
  private preparing?: Promise<void>;
  private readonly stopping = new AbortController();
  private readonly connected: Promise<void>;

  constructor(private readonly options: NatsConnectionOptions) {
    this.connected = this.connectUntilDone();
  }

  /** Runs `operation` with the JetStream clients; a NATS that cannot serve it becomes a 503. */
  async use<T>(operation: (clients: JetStreamClients) => Promise<T>): Promise<T> {
    if (!this.usable || !this.clients) throw new DependencyUnavailableError('nats');
    try {
      return await operation(this.clients);
    } catch (error) {
      throw new DependencyUnavailableError('nats', { cause: error });
    }
  }

  /** Resolves once the connection is usable, or when `signal` aborts. */
  async untilUsable(signal: AbortSignal): Promise<void> {
    while (!this.usable && !signal.aborted) await this.usability.wait(signal);
  }

  readinessCheck(): ReadinessCheck {
    return {
      name: 'nats',
      check: async () => {
        if (!this.usable || !this.connection) return false;
        await this.connection.flush();
        return true;
      },
    };
  }

  async close(): Promise<void> {
    this.stopping.abort();
    // Closing first makes the requests in progress fail at once instead of timing out.
    await this.connection?.close();
    await this.connected;
    await this.preparing;
  }

  private async connectUntilDone(): Promise<void> {
    const { url, logger } = this.options;
    for (let attempt = 1; !this.stopping.signal.aborted; attempt += 1) {
      try {
        const connection = await connect({
          servers: url,
          name: 'event-bus',
          maxReconnectAttempts: -1,
          reconnectTimeWait: 500,
          timeout: REQUEST_TIMEOUT_MS,
        });
        if (this.stopping.signal.aborted) {
          await connection.close();
          return;
        }
        this.connection = connection;
        void this.watch(connection);
        logger.info({ server: connection.getServer() }, 'connected to NATS');
        await this.prepareUntilDone(connection);
        return;
      } catch (error) {
        logger.warn({ err: error, attempt }, 'NATS not reachable yet; retrying');
        await sleep(this.delay(attempt), this.stopping.signal);
      }
    }
  }

  private async watch(connection: NatsClientConnection): Promise<void> {
    for await (const status of connection.status()) {
      if (status.type === 'disconnect') {
        this.usable = false;
        this.options.logger.warn('disconnected from NATS; reconnecting');
      } else if (status.type === 'reconnect') {
        this.options.logger.info('reconnected to NATS');
        void this.prepareUntilDone(connection);
      }
    }
  }

  private prepareUntilDone(connection: NatsClientConnection): Promise<void> {
    this.preparing ??= this.prepare(connection).finally(() => {
      this.preparing = undefined;
    });
    return this.preparing;
  }

  private async prepare(connection: NatsClientConnection): Promise<void> {
    for (let attempt = 1; !this.stopping.signal.aborted && !connection.isClosed(); attempt += 1) {
      try {
        const jsm = await jetstreamManager(connection, { timeout: REQUEST_TIMEOUT_MS });
        const clients = { js: jsm.jetstream(), jsm };
        await this.options.prepare(clients);
        this.clients = clients;
        this.usable = true;
        this.usability.notify();
        this.options.logger.info('NATS JetStream ready');
        return;
      } catch (error) {
        this.options.logger.warn({ err: error, attempt }, 'NATS JetStream not ready yet; retrying');
        await sleep(this.delay(attempt), this.stopping.signal);
      }
    }
  }

  private delay(attempt: number): number {
    return backoffDelay(attempt, this.options.backoff ?? { initialMs: 200, maxMs: 5000 });
  }
}
