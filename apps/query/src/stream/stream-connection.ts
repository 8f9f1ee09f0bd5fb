import { once } from 'node:events';
import { POST_STREAM_READY_EVENT, type PostStreamMessage } from '@blog/contracts';
import type { EventLogReader, LoggedEvent } from '@blog/messaging';
import type { Response } from 'express';
import type { LogFollower } from './log-follower';
import { sseFrame, toStreamMessage } from './stream-message';

export interface StreamConnectionOptions {
  /** Where this client is in the log (its Last-Event-ID or `?after=`); unset: a fresh client. */
  after?: number;
  /** How far back a fresh client starts (see LogFollower.freshStart). */
  freshOverlap: number;
  /** Comment lines sent this often keep proxies from closing a quiet connection. */
  heartbeatMs: number;
  /** How long the browser waits before reconnecting, sent as the SSE `retry` field. */
  reconnectMs: number;
}

/** Events asked for per `GET /events` when a client is behind what the follower keeps. */
const CATCH_UP_PAGE_SIZE = 500;

/**
 * One client's server-sent event stream: the changes after its position, from the shared
 * follower's window, or from the log itself while it is further behind. Writes wait for the
 * socket to drain, so a slow client holds only its own position, never the others or memory.
 */
export class StreamConnection {
  constructor(
    private readonly res: Response,
    private readonly follower: LogFollower,
    private readonly reader: EventLogReader,
    private readonly options: StreamConnectionOptions,
  ) {}

  /** Streams until `signal` aborts (the client left, or the service stops). */
  async run(signal: AbortSignal): Promise<void> {
    const { res } = this;
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    // nginx (and the ingress-nginx controller) would otherwise buffer the answer.
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), this.options.heartbeatMs);
    try {
      await this.write(`retry: ${this.options.reconnectMs}\n\n`, signal);
      await this.follower.untilCaughtUp(signal);
      let position = this.options.after ?? this.follower.freshStart(this.options.freshOverlap);
      await this.write(sseFrame(position, POST_STREAM_READY_EVENT, { after: position }), signal);
      while (!signal.aborted) {
        const changes = this.follower.changesAfter(position);
        if (changes === undefined) {
          position = await this.reader.readAll(
            position,
            (logged) => this.sendLogged(logged, signal),
            CATCH_UP_PAGE_SIZE,
            signal,
          );
        } else if (changes.length === 0) {
          await this.follower.nextChange(signal);
        } else {
          for (const change of changes) {
            await this.send(change, signal);
            position = change.seq;
          }
        }
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async sendLogged(logged: LoggedEvent, signal: AbortSignal): Promise<void> {
    const message = toStreamMessage(logged);
    if (message) await this.send(message, signal);
  }

  private send({ seq, type, data }: PostStreamMessage, signal: AbortSignal): Promise<void> {
    return this.write(sseFrame(seq, type, data), signal);
  }

  private async write(frame: string, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    if (!this.res.write(frame)) await once(this.res, 'drain', { signal });
  }
}
