import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BlogEvent } from '@blog/contracts';
import { EventLogReader } from '@blog/messaging';
import { createLogger, Metrics } from '@blog/service-kit';
import { eventually, sampleEvents } from '@blog/testing';
import express from 'express';
import { PostStream } from '../src/stream/post-stream';
import { postStreamRoute } from '../src/stream/stream-route';
import { EventLogServer } from './event-log-server';
import { SseReader } from './sse-reader';

/** A PostStream with a tiny window and fast heartbeats, on a server of its own. */
describe('PostStream, window and heartbeats', () => {
  let log: BlogEvent[];
  let bus: EventLogServer;
  let server: Server;
  let stream: PostStream;
  let url: string;

  beforeEach(async () => {
    log = Array.from({ length: 10 }, (_, index) =>
      sampleEvents.postCreated({ title: `post ${index + 1}` }),
    );
    bus = await EventLogServer.start(log, { pageSize: 4 });
    stream = new PostStream(
      EventLogReader.forBus(bus.url),
      createLogger('query', 'silent'),
      new Metrics('query'),
      { maxClients: 10, pollIntervalMs: 20, windowSize: 3, heartbeatMs: 50 },
    );
    const app = express();
    app.get('/posts/stream', postStreamRoute(stream));
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/posts/stream`;
  });

  afterEach(async () => {
    stream.endAll();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await bus.close();
  });

  it('reads the log itself for a client behind the window, then joins the live changes', async () => {
    const reader = await SseReader.open(`${url}?after=2`);
    await eventually(() => expect(reader.of('PostCreated')).toHaveLength(8));
    log.push(sampleEvents.postCreated({ title: 'post 11' }));
    await eventually(() => expect(reader.of('PostCreated')).toHaveLength(9));
    expect(reader.of('PostCreated').map((message) => message.id)).toEqual([
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
    ]);
    reader.close();
  });

  it('sends a comment line now and then, so proxies keep a quiet connection', async () => {
    const reader = await SseReader.open(url);
    await eventually(() => expect(reader.comments.length).toBeGreaterThanOrEqual(2));
    expect(reader.comments[0]).toBe('keep-alive');
    reader.close();
  });
});
