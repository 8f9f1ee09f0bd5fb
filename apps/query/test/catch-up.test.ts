import { createService, type Service } from '@blog/service-kit';
import { eventually, sampleEvents } from '@blog/testing';
import request from 'supertest';
import { queryService } from '../src/service';
import { EventLogServer } from './event-log-server';

/** What the event-bus logged before this query started: two posts, a comment, its moderation. */
function loggedHistory() {
  const post = sampleEvents.postCreated({ title: 'Logged' });
  const created = sampleEvents.commentCreated({ postId: post.data.id, content: 'Nice' });
  const moderated = sampleEvents.commentModerated({
    id: created.data.id,
    postId: post.data.id,
    content: 'Nice',
    status: 'approved',
  });
  const approved = sampleEvents.commentUpdated({
    id: created.data.id,
    postId: post.data.id,
    content: 'Nice',
    status: 'approved',
    version: 1,
  });
  const quiet = sampleEvents.postCreated({ title: 'Quiet' });
  // Pages of two: [post, created] [moderated, approved] [quiet]
  const log = [post, created, moderated, approved, quiet];
  const comment = { id: created.data.id, content: 'Nice' };
  return {
    log,
    post,
    approved,
    afterFirstPage: {
      [post.data.id]: { ...post.data, comments: [{ ...comment, status: 'pending' }] },
    },
    rebuilt: {
      [post.data.id]: { ...post.data, comments: [{ ...comment, status: 'approved' }] },
      [quiet.data.id]: { ...quiet.data, comments: [] },
    },
  };
}

describe('query in memory, catching up from the event-bus log at start', () => {
  let bus: EventLogServer | undefined;
  let query: Service;

  async function startQuery(eventBusUrl: string): Promise<void> {
    query = await createService(queryService, {
      PORT: '0',
      EVENT_BUS_URL: eventBusUrl,
      LOG_LEVEL: 'silent',
    });
    await query.start();
  }

  afterEach(async () => {
    await bus?.close();
    bus = undefined;
    await query.stop();
  });

  it('is not ready until the whole log is applied, then serves all of it', async () => {
    const history = loggedHistory();
    bus = await EventLogServer.start(history.log);
    const release = bus.holdPagesAfter(2);
    await startQuery(bus.url);

    await eventually(() => request(query.url).get('/posts').expect(200, history.afterFirstPage));
    const notReady = await request(query.url).get('/readyz').expect(503);
    expect(notReady.body.checks).toEqual({ 'catch-up': 'down' });

    release();
    await eventually(() => request(query.url).get('/readyz').expect(200));
    const posts = await request(query.url).get('/posts').expect(200, history.rebuilt);
    expect(Object.keys(posts.body)).toEqual(Object.keys(history.rebuilt));
  });

  it('applies pushed deliveries while catching up, old and new alike', async () => {
    const history = loggedHistory();
    bus = await EventLogServer.start(history.log);
    const release = bus.holdPagesAfter(0);
    await startQuery(bus.url);

    const fresh = sampleEvents.postCreated({ title: 'Fresh' });
    for (const event of [history.approved, fresh]) {
      await request(query.url).post('/events').send(event).expect(200);
    }
    await request(query.url)
      .get('/posts')
      .expect(200, { [fresh.data.id]: { ...fresh.data, comments: [] } });
    await request(query.url).get('/readyz').expect(503);

    release();
    await eventually(() => request(query.url).get('/readyz').expect(200));
    await request(query.url)
      .get('/posts')
      .expect(200, { ...history.rebuilt, [fresh.data.id]: { ...fresh.data, comments: [] } });
  });

  it('keeps trying while the event-bus is down and catches up once it appears', async () => {
    const history = loggedHistory();
    const port = await EventLogServer.unusedPort();
    await startQuery(`http://127.0.0.1:${port}`);

    // Long enough for several failed attempts.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const notReady = await request(query.url).get('/readyz').expect(503);
    expect(notReady.body.checks).toEqual({ 'catch-up': 'down' });
    await request(query.url).get('/posts').expect(200, {});

    bus = await EventLogServer.start(history.log, { port });
    await eventually(() => request(query.url).get('/readyz').expect(200), { timeoutMs: 15_000 });
    await request(query.url).get('/posts').expect(200, history.rebuilt);
  });
});
