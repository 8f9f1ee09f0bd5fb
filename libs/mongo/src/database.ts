import type { BackoffOptions, Logger, ReadinessCheck } from '@blog/service-kit';
import { backoffDelay, sleep } from '@blog/service-kit';
import mongoose, { type Connection, type Model } from 'mongoose';

export interface MongoDatabaseOptions {
  /** How long an operation waits for a reachable server before failing with 503. */
  serverSelectionTimeoutMS?: number;
  /** Delays between attempts while the first connection cannot be made. */
  backoff?: BackoffOptions;
}

/**
 * A service's own MongoDB database. The service starts (and answers /readyz with 503) even when
 * the database is down, and keeps trying to connect in the background; once connected, the
 * driver reconnects by itself after outages. Operations never queue while disconnected: they fail
 * at once and the caller answers 503, so clients and the event-bus retry instead of hanging.
 */
export class MongoDatabase {
  readonly connection: Connection;
  private readonly stopping = new AbortController();
  private connecting?: Promise<void>;
  private indexed = false;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
    private readonly options: MongoDatabaseOptions = {},
  ) {
    this.connection = mongoose.createConnection();
  }

  /** Registers a model on this database (once per name); its indexes are created on connecting. */
  model<T>(name: string, schema: mongoose.Schema<T>): Model<T> {
    const existing = this.connection.models[name] as Model<T> | undefined;
    if (existing) return existing;
    schema.set('bufferCommands', false);
    schema.set('autoIndex', false);
    schema.set('autoCreate', false);
    return this.connection.model<T>(name, schema);
  }

  /** Starts connecting in the background; resolves when connected (or when closed first). */
  connect(): Promise<void> {
    this.connecting ??= this.connectUntilDone();
    return this.connecting;
  }

  get isConnected(): boolean {
    return this.connection.readyState === mongoose.ConnectionStates.connected && this.indexed;
  }

  readinessCheck(): ReadinessCheck {
    return {
      name: 'mongodb',
      check: async () => {
        if (!this.isConnected) return false;
        await this.connection.db?.admin().ping();
        return true;
      },
    };
  }

  async close(): Promise<void> {
    this.stopping.abort();
    await this.connecting;
    await this.connection.close();
  }

  private async connectUntilDone(): Promise<void> {
    const { serverSelectionTimeoutMS = 3000, backoff = { initialMs: 200, maxMs: 5000 } } =
      this.options;
    for (let attempt = 1; !this.stopping.signal.aborted; attempt += 1) {
      try {
        // A socket that never connects (the database's host not up yet) must fail as fast as
        // server selection does, not after the driver's default 30 s.
        await this.connection.openUri(this.url, {
          serverSelectionTimeoutMS,
          connectTimeoutMS: serverSelectionTimeoutMS,
        });
        await Promise.all(
          Object.values(this.connection.models).map((model) => model.createIndexes()),
        );
        this.indexed = true;
        this.logger.info({ database: this.connection.name }, 'connected to MongoDB');
        return;
      } catch (error) {
        this.logger.warn({ err: error, attempt }, 'MongoDB not reachable yet; retrying');
        // Each attempt makes a new driver client: release the failed one and its sockets.
        await this.connection.close().catch(() => undefined);
        await sleep(backoffDelay(attempt, backoff), this.stopping.signal);
      }
    }
  }
}
