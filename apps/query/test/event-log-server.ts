import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BlogEvent } from '@blog/contracts';
import express from 'express';

/**
 * A stand-in for the event-bus's log, `GET /events?after=&limit=`, serving a fixed list of events
 * in the bus's shape `{ events: [{ seq, event }], next }` (seq counts from 1; `next` is null after
 * a page that is not full). Pages hold `pageSize` events at most, so a short log spans several.
 */
export class EventLogServer {
  private hold?: { after: number; released: Promise<void>; release: () => void };

  private constructor(
    private readonly server: Server,
    private readonly log: BlogEvent[],
    private readonly pageSize: number,
  ) {
    const app = express();
    app.get('/events', async (req, res) => {
      const after = Number(req.query.after ?? 0);
      const limit = Math.min(Number(req.query.limit ?? 100), this.pageSize);
      if (this.hold && after >= this.hold.after) await this.hold.released;
      const events = this.log
        .slice(after, after + limit)
        .map((event, index) => ({ seq: after + index + 1, event }));
      res.json({ events, next: events.length === limit ? after + limit : null });
    });
    server.on('request', app);
  }

  /** Listens on `port`, or on a free one when it is 0. */
  static async start(
    log: BlogEvent[],
    { port = 0, pageSize = 2 }: { port?: number; pageSize?: number } = {},
  ): Promise<EventLogServer> {
    const server = createServer();
    const logServer = new EventLogServer(server, log, pageSize);
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    return logServer;
  }

  /** A port nothing listens on (for now): where an event-bus that is down would be. */
  static async unusedPort(): Promise<number> {
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Pages of the events after seq `after` wait until the returned function is called. */
  holdPagesAfter(after: number): () => void {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    this.hold = { after, released, release };
    return release;
  }

  async close(): Promise<void> {
    this.hold?.release();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
