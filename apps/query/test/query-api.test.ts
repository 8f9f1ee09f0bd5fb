import type { BlogEvent } from '@blog/contracts';
import { createService, type Service } from '@blog/service-kit';
import { eventually, sampleEvents } from '@blog/testing';
import request from 'supertest';
import { queryService } from '../src/service';
import { EventLogServer } from './event-log-server';

/** A post with a comment that was created, then approved (CommentUpdated v1), as comments emits them. */
function approvedComment(content = 'Nice post') {
  const post = sampleEvents.postCreated({ title: 'Hello' });
  const created = sampleEvents.commentCreated({ postId: post.data.id, content });
  const approved = sampleEvents.commentUpdated({
    id: created.data.id,
    postId: post.data.id,
    content,
    status: 'approved',
    version: 1,
  });
  const shown = {
    id: post.data.id,
    title: 'Hello',
    comments: [{ id: created.data.id, content, status: 'approved' }],
  };
  return { post, created, approved, shown };
}

describe('query API', () => {
  let bus: EventLogServer;
  let query: Service;

  beforeEach(async () => {
    bus = await EventLogServer.start([]);
    query = await createService(queryService, {
      PORT: '0',
      EVENT_BUS_URL: bus.url,
      LOG_LEVEL: 'silent',
    });
    await query.start();
    await eventually(() => request(query.url).get('/readyz').expect(200));
  });

  afterEach(async () => {
    await query.stop();
    await bus.close();
  });

  /** Delivers events the way the event-bus does: one POST /events each, in order. */
  async function deliver(...events: BlogEvent[]): Promise<void> {
    for (const event of events) {
      await request(query.url).post('/events').send(event).expect(200, { status: 'processed' });
    }
  }

  it('shows posts with their comments, built from the events it receives', async () => {
    const { post, created, approved, shown } = approvedComment();
    await deliver(post, created);
    const pending = { ...shown, comments: [{ ...shown.comments[0], status: 'pending' }] };
    await request(query.url)
      .get('/posts')
      .expect(200, { [post.data.id]: pending });

    await deliver(approved);
    await request(query.url).get(`/posts/${post.data.id}`).expect(200, shown);
    await request(query.url)
      .get('/posts')
      .expect(200, { [post.data.id]: shown });
  });

  it('answers the same after every event is delivered a second time', async () => {
    const first = approvedComment('first');
    const second = approvedComment('second');
    const events = [first.post, first.created, first.approved, second.post, second.created];
    await deliver(...events);
    const before = await request(query.url).get('/posts').expect(200);

    await deliver(...events);
    const after = await request(query.url).get('/posts').expect(200);
    expect(after.body).toEqual(before.body);
    expect(after.body[first.post.data.id]).toEqual(first.shown);
  });

  it('keeps comments that arrive before their post hidden, and shows them with it', async () => {
    const { post, created, approved, shown } = approvedComment();
    await deliver(approved, created);
    await request(query.url).get('/posts').expect(200, {});
    await request(query.url).get(`/posts/${post.data.id}`).expect(404);

    await deliver(post);
    await request(query.url).get(`/posts/${post.data.id}`).expect(200, shown);
  });

  it('acknowledges event types it does not use and changes nothing', async () => {
    const { post } = approvedComment();
    await deliver(post);
    const moderated = sampleEvents.commentModerated({ postId: post.data.id });
    await request(query.url).post('/events').send(moderated).expect(200, { status: 'ignored' });
    await request(query.url).get(`/posts/${post.data.id}`).expect(200, {
      id: post.data.id,
      title: 'Hello',
      comments: [],
    });
  });

  it('pages through posts in creation order with a Link to the next page', async () => {
    const posts = ['a', 'b', 'c'].map((title) => sampleEvents.postCreated({ title }));
    const ids = posts.map((post) => post.data.id);
    await deliver(posts[1]!, posts[2]!, posts[0]!);

    const first = await request(query.url).get('/posts?limit=2').expect(200);
    expect(Object.keys(first.body)).toEqual(ids.slice(0, 2));
    expect(first.headers.link).toBe(`</posts?limit=2&after=${ids[1]}>; rel="next"`);

    const second = await request(query.url).get(`/posts?limit=2&after=${ids[1]}`).expect(200);
    expect(Object.keys(second.body)).toEqual(ids.slice(2));
    expect(second.headers.link).toBeUndefined();
  });

  describe('rejects bad input with the error shape', () => {
    it('400 for an event that does not match its type', async () => {
      const { post } = approvedComment();
      const invalid = { ...post, data: { id: post.data.id } };
      const response = await request(query.url).post('/events').send(invalid).expect(400);
      expect(response.body).toEqual({
        errors: [{ message: expect.stringMatching(/expected string/), field: 'data.title' }],
      });
      await request(query.url).get('/posts').expect(200, {});
    });

    it('400 for an unknown event type', async () => {
      const { post } = approvedComment();
      const response = await request(query.url)
        .post('/events')
        .send({ ...post, type: 'PostDeleted' })
        .expect(400);
      expect(response.body.errors[0].field).toBe('type');
    });

    it('400 for a bad page size', async () => {
      const response = await request(query.url).get('/posts?limit=1001').expect(400);
      expect(response.body.errors[0].field).toBe('limit');
    });

    it('404 for an unknown post and an unknown route', async () => {
      const missing = await request(query.url).get('/posts/nope').expect(404);
      expect(missing.body).toEqual({ errors: [{ message: 'Post nope not found', field: 'id' }] });
      const route = await request(query.url).post('/posts').send({ title: 'x' }).expect(404);
      expect(route.body).toEqual({ errors: [{ message: 'No route for POST /posts' }] });
    });
  });
});
