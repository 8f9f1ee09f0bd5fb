import type { BlogEvent } from '@blog/contracts';
import { createService, type Service } from '@blog/service-kit';
import { eventually, sampleEvents } from '@blog/testing';
import request from 'supertest';
import { queryService } from '../src/service';
import { EventLogServer } from './event-log-server';
import { SseReader } from './sse-reader';

/** A post, a comment on it, its moderation and the update that follows: seqs 1 to 4. */
function conversation() {
  const post = sampleEvents.postCreated({ title: 'Streamed' });
  const comment = { id: sampleEvents.commentCreated().data.id, postId: post.data.id };
  return {
    post,
    created: sampleEvents.commentCreated({ ...comment, content: 'Nice' }),
    moderated: sampleEvents.commentModerated({ ...comment, content: 'Nice', status: 'approved' }),
    updated: sampleEvents.commentUpdated({ ...comment, content: 'Nice', version: 1 }),
  };
}

describe('GET /posts/stream', () => {
  let log: BlogEvent[];
  let bus: EventLogServer;
  const services: Service[] = [];
  const readers: SseReader[] = [];

  async function startQuery(env: Record<string, string> = {}): Promise<Service> {
    const service = await createService(queryService, {
      PORT: '0',
      EVENT_BUS_URL: bus.url,
      LOG_LEVEL: 'silent',
      STREAM_POLL_INTERVAL_MS: '20',
      ...env,
    });
    await service.start();
    services.push(service);
    return service;
  }

  async function follow(service: Service, path = '/posts/stream', headers = {}) {
    const reader = await SseReader.open(`${service.url}${path}`, headers);
    readers.push(reader);
    return reader;
  }

  beforeEach(async () => {
    log = [];
    bus = await EventLogServer.start(log, { pageSize: 1000 });
  });

  afterEach(async () => {
    for (const reader of readers.splice(0)) reader.close();
    await Promise.all(services.splice(0).map((service) => service.stop()));
    await bus.close();
  });

  it('pushes each change as it reaches the log, with its seq as id and its data', async () => {
    const query = await startQuery();
    const { post, created, moderated, updated } = conversation();
    const reader = await follow(query);
    expect(reader.status).toBe(200);
    expect(reader.header('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(reader.header('x-accel-buffering')).toBe('no');
    await eventually(() =>
      expect(reader.of('ready')).toEqual([{ id: '0', event: 'ready', data: { after: 0 } }]),
    );

    log.push(post, created, moderated, updated);
    await eventually(() => expect(reader.messages).toHaveLength(4));
    // CommentModerated (seq 3) is moderation's verdict; readers see its outcome, seq 4.
    expect(reader.messages.slice(1)).toEqual([
      { id: '1', event: 'PostCreated', data: post.data },
      { id: '2', event: 'CommentCreated', data: created.data },
      { id: '4', event: 'CommentUpdated', data: updated.data },
    ]);
  });

  it('resumes exactly after Last-Event-ID, or ?after= for a new connection', async () => {
    const { post, created, moderated, updated } = conversation();
    log.push(post, created, moderated, updated);
    const query = await startQuery();

    const reconnected = await follow(query, '/posts/stream?after=0', { 'last-event-id': '2' });
    const fromQuery = await follow(query, '/posts/stream?after=1');
    await eventually(() => expect(reconnected.messages).toHaveLength(2));
    await eventually(() => expect(fromQuery.messages).toHaveLength(3));
    expect(reconnected.messages.map(({ id, event }) => `${id} ${event}`)).toEqual([
      '2 ready',
      '4 CommentUpdated',
    ]);
    expect(fromQuery.messages.map(({ id, event }) => `${id} ${event}`)).toEqual([
      '1 ready',
      '2 CommentCreated',
      '4 CommentUpdated',
    ]);
  });

  it('starts a client without a position a little before the end of the log', async () => {
    const posts = Array.from({ length: 250 }, (_, index) =>
      sampleEvents.postCreated({ title: `post ${index + 1}` }),
    );
    log.push(...posts);
    const query = await startQuery();
    const reader = await follow(query);
    // The read model may lag the log a little; the overlap covers that and is applied once.
    await eventually(() => expect(reader.messages).toHaveLength(201));
    expect(reader.messages[0]).toEqual({ id: '50', event: 'ready', data: { after: 50 } });
    expect(reader.messages.at(-1)).toMatchObject({ id: '250', data: posts[249]!.data });
  });

  it('shows every replica the same changes: the log, not a replica, feeds the stream', async () => {
    const [first, second] = [await startQuery(), await startQuery()];
    const readers = [await follow(first), await follow(second)];
    const { post } = conversation();
    // No event is delivered to either replica here: only the log has it.
    log.push(post);
    for (const reader of readers) {
      await eventually(() =>
        expect(reader.of('PostCreated')).toEqual([
          { id: '1', event: 'PostCreated', data: post.data },
        ]),
      );
    }
  });

  it('answers 406 to a request that does not ask for an event stream, and 400 to a bad position', async () => {
    const query = await startQuery();
    const plain = await request(query.url).get('/posts/stream').set('accept', '*/*');
    expect(plain.status).toBe(406);
    expect(plain.body).toEqual({
      errors: [{ message: expect.stringContaining('text/event-stream'), field: 'Accept' }],
    });
    const stream = { accept: 'text/event-stream' };
    const badAfter = await request(query.url).get('/posts/stream?after=-1').set(stream);
    expect(badAfter.status).toBe(400);
    expect(badAfter.body.errors[0].field).toBe('after');
    const badId = await request(query.url)
      .get('/posts/stream')
      .set({ ...stream, 'last-event-id': 'abc' });
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0].field).toBe('Last-Event-ID');
  });

  it('serves a bounded number of clients; the next one gets 503 with Retry-After', async () => {
    const query = await startQuery({ STREAM_MAX_CLIENTS: '1' });
    const first = await follow(query);
    await eventually(() => expect(first.of('ready')).toHaveLength(1));
    const refused = await request(query.url)
      .get('/posts/stream')
      .set('accept', 'text/event-stream');
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body.errors[0].message).toMatch(/1 streams/);

    first.close();
    await eventually(async () => {
      const again = await follow(query);
      expect(again.status).toBe(200);
    });
  });

  it('ends its streams when the service stops, instead of holding the shutdown', async () => {
    // Were the streams left open, the stop would wait this long and the test time out.
    const query = await startQuery({ SHUTDOWN_TIMEOUT_MS: '120000' });
    const reader = await follow(query);
    await eventually(() => expect(reader.of('ready')).toHaveLength(1));
    await query.stop();
    await reader.ended;
    services.splice(services.indexOf(query), 1);
  });
});
