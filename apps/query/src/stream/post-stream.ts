import type { EventLogReader } from '@blog/messaging';
import { HttpError, type Logger, type Metrics } from '@blog/service-kit';
import type { Response } from 'express';
import { Gauge } from 'prom-client';
import { LogFollower } from './log-follower';
import { StreamConnection } from './stream-connection';

export interface PostStreamOptions {
  /** Streams this process serves at most; more get 503, and try another replica or later. */
  maxClients: number;
  pollIntervalMs: number;
  heartbeatMs: number;
  reconnectMs: number;
  /** Latest changes kept in memory, shared by every stream. */
  windowSize: number;
  /** How many log events before the end a client without a position starts. */
  freshOverlap: number;
}

const DEFAULTS: Omit<PostStreamOptions, 'maxClients' | 'pollIntervalMs'> = {
  // Well under the 60 s after which nginx, load balancers and most proxies drop a quiet connection.
  heartbeatMs: 15_000,
  reconnectMs: 2000,
  windowSize: 2000,
  // Far more than the read model's lag behind the log (milliseconds, tens of events at load).
  freshOverlap: 200,
};

/** Retry-After of a 503: a moment, for another replica to take the client or a slot to free up. */
const RETRY_AFTER_SECONDS = 5;

/**
 * `GET /posts/stream`: the server-sent event streams of this process, all fed by one
 * LogFollower, at most `maxClients` at a time, ended when the service shuts down so that
 * clients reconnect (with Last-Event-ID) to a replica that stays.
 */
export class PostStream {
  private readonly follower: LogFollower;
  private readonly connections = new Set<AbortController>();
  private closed = false;
  private readonly options: PostStreamOptions;
  private readonly clients: Gauge;

  constructor(
    private readonly reader: EventLogReader,
    private readonly logger: Logger,
    metrics: Metrics,
    options: Pick<PostStreamOptions, 'maxClients' | 'pollIntervalMs'> & Partial<PostStreamOptions>,
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.follower = new LogFollower(reader, logger, {
      pollIntervalMs: this.options.pollIntervalMs,
      windowSize: this.options.windowSize,
    });
    this.clients = new Gauge({
      name: 'query_stream_clients',
      help: 'Clients connected to GET /posts/stream.',
      registers: [metrics.registry],
    });
  }

  /** Starts streaming to `res`; a 503 when the service is stopping or has no room for it. */
  open(res: Response, after: number | undefined): void {
    const unavailable = this.closed
      ? 'The service is shutting down: reconnect'
      : this.connections.size >= this.options.maxClients
        ? `This instance serves ${this.options.maxClients} streams already: try again later`
        : undefined;
    if (unavailable) {
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      throw new HttpError(503, unavailable);
    }
    const abort = new AbortController();
    this.connections.add(abort);
    this.clients.inc();
    this.follower.acquire();
    res.once('close', () => abort.abort());
    const connection = new StreamConnection(res, this.follower, this.reader, {
      after,
      freshOverlap: this.options.freshOverlap,
      heartbeatMs: this.options.heartbeatMs,
      reconnectMs: this.options.reconnectMs,
    });
    connection
      .run(abort.signal)
      .catch((error: unknown) => {
        // Aborted: the client left or the service stops. Anything else (the log unreachable
        // while catching up) ends the stream too: the client reconnects and resumes.
        if (!abort.signal.aborted) this.logger.warn({ err: error }, 'event stream ended early');
      })
      .finally(() => {
        this.connections.delete(abort);
        this.clients.dec();
        this.follower.release();
        res.end();
      });
  }

  /** Ends every stream and refuses new ones: the service is stopping. */
  endAll(): void {
    this.closed = true;
    for (const connection of this.connections) connection.abort();
  }
}
