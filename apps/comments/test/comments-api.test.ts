import { CONTENT_MAX_LENGTH, deterministicId, newId, type BlogEvent } from '@blog/contracts';
import { createService, type Service } from '@blog/service-kit';
import {
  CaptureServer,
  describeWithMongo,
  dropDatabase,
  eventually,
  publishedEvents,
  sampleEvents,
  uniqueMongoUrl,
} from '@blog/testing';
import request from 'supertest';
import { commentsService } from '../src/service';

/** The whole API, run once per storage backend: what a client sees must not depend on it. */
function commentsApiSuite(storageEnv: () => { MONGO_URL?: string }): void {
  let bus: CaptureServer;
  let postsApi: CaptureServer;
  /** Posts the stand-in posts service answers 200 for; any other id gets 404. */
  let postsKnownToPostsService: Set<string>;
  let comments: Service;
  let env: { MONGO_URL?: string };

  beforeEach(async () => {
    bus = await CaptureServer.start(() => 201);
    postsKnownToPostsService = new Set();
    postsApi = await CaptureServer.start(({ path }) =>
      postsKnownToPostsService.has(path.replace('/posts/', '')) ? 200 : 404,
    );
    env = storageEnv();
    comments = await createService(commentsService, {
      PORT: '0',
      EVENT_BUS_URL: bus.url,
      POSTS_URL: postsApi.url,
      LOG_LEVEL: 'silent',
      ...env,
    });
    await comments.start();
    await eventually(() => request(comments.url).get('/readyz').expect(200), {
      timeoutMs: 15_000,
    });
  });

  afterEach(async () => {
    await comments.stop();
    await bus.close();
    await postsApi.close();
    if (env.MONGO_URL) await dropDatabase(env.MONGO_URL);
  });

  const busEvents = () => publishedEvents(bus);
  const deliver = (event: BlogEvent) => request(comments.url).post('/events').send(event);
  const comment = (postId: string, content: string) =>
    request(comments.url).post(`/posts/${postId}/comments`).send({ content });

  async function postFromEvent(): Promise<string> {
    const event = sampleEvents.postCreated();
    await deliver(event).expect(200, { status: 'processed' });
    return event.data.id;
  }

  it('accepts comments on a post it heard of and lists them in creation order', async () => {
    const postCreated = sampleEvents.postCreated();
    await deliver(postCreated).expect(200);
    await deliver(postCreated).expect(200);
    const postId = postCreated.data.id;

    const first = await comment(postId, 'First!').expect(201);
    expect(first.body).toEqual([{ id: expect.any(String), content: 'First!', status: 'pending' }]);
    const second = await comment(postId, '  Second  ').expect(201);
    expect(second.body).toEqual([
      first.body[0],
      { id: expect.any(String), content: 'Second', status: 'pending' },
    ]);

    await request(comments.url).get(`/posts/${postId}/comments`).expect(200, second.body);
    const otherPost = await postFromEvent();
    await request(comments.url).get(`/posts/${otherPost}/comments`).expect(200, []);
    expect(postsApi.requests).toHaveLength(0);
  });

  it('announces each comment with a CommentCreated event', async () => {
    const postId = await postFromEvent();
    const { body } = await comment(postId, 'Hello').expect(201);
    const events = await eventually(() => {
      const found = busEvents();
      expect(found).toHaveLength(1);
      return found;
    });
    expect(events[0]).toEqual({
      id: expect.any(String),
      type: 'CommentCreated',
      occurredAt: expect.any(String),
      source: 'comments',
      data: { id: body[0].id, postId, content: 'Hello', status: 'pending' },
    });
  });

  it('asks posts, once, about a post whose PostCreated has not arrived yet', async () => {
    const postId = newId();
    postsKnownToPostsService.add(postId);
    await comment(postId, 'Quick').expect(201);
    await comment(postId, 'Quicker').expect(201);
    const list = await request(comments.url).get(`/posts/${postId}/comments`).expect(200);
    expect(list.body.map((c: { content: string }) => c.content)).toEqual(['Quick', 'Quicker']);
    expect(postsApi.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /posts/${postId}`]);
  });

  it('answers 404 for a post that does not exist, and stores nothing', async () => {
    const postId = newId();
    const notFound = { errors: [{ message: `Post ${postId} not found`, field: 'id' }] };
    await comment(postId, 'Anyone?').expect(404, notFound);
    await request(comments.url).get(`/posts/${postId}/comments`).expect(404, notFound);

    postsKnownToPostsService.add(postId);
    await request(comments.url).get(`/posts/${postId}/comments`).expect(200, []);
  });

  it('answers 503 while posts cannot say whether an unknown post exists', async () => {
    const postId = newId();
    postsKnownToPostsService.add(postId);
    postsApi.respond = () => 503;
    const unavailable = await comment(postId, 'Hello?').expect(503);
    expect(unavailable.body).toEqual({ errors: [{ message: 'posts is unavailable' }] });
    expect(unavailable.headers['retry-after']).toBe('1');
    await request(comments.url).get(`/posts/${postId}/comments`).expect(503);

    postsApi.respond = () => 200;
    await comment(postId, 'Hello again').expect(201);
  });

  it('answers 503 while posts is not reachable at all', async () => {
    await postsApi.close();
    const unavailable = await comment(newId(), 'Hello?').expect(503);
    expect(unavailable.body).toEqual({ errors: [{ message: 'posts is unavailable' }] });
  });

  it('applies a moderation once, announcing it with one CommentUpdated', async () => {
    const postId = await postFromEvent();
    const [created] = (await comment(postId, 'Nice post').expect(201)).body;
    const verdict = sampleEvents.commentModerated({
      id: created.id,
      postId,
      content: 'Nice post',
      status: 'approved',
    });
    await deliver(verdict).expect(200, { status: 'processed' });
    await deliver(verdict).expect(200, { status: 'processed' });
    const lateVerdict = sampleEvents.commentModerated({ ...verdict.data, status: 'rejected' });
    await deliver(lateVerdict).expect(200);

    await request(comments.url)
      .get(`/posts/${postId}/comments`)
      .expect(200, [{ ...created, status: 'approved' }]);
    // The relay publishes in write order, so once a later comment's event is out, any update of
    // the first comment would be out too.
    const [marker] = (await comment(postId, 'Marker').expect(201)).body.slice(-1);
    await eventually(() => expect(busEvents().map((event) => event.data.id)).toContain(marker.id));
    expect(busEvents().filter((event) => event.type === 'CommentUpdated')).toEqual([
      {
        id: deterministicId(created.id, 'CommentUpdated', 1),
        type: 'CommentUpdated',
        occurredAt: expect.any(String),
        source: 'comments',
        data: { id: created.id, postId, content: 'Nice post', status: 'approved', version: 1 },
      },
    ]);
  });

  it('answers 422 to a verdict on a comment it does not have, so the bus dead-letters it', async () => {
    const response = await deliver(sampleEvents.commentModerated()).expect(422);
    expect(response.body).toEqual({
      errors: [{ message: expect.stringMatching(/^Comment .+ does not exist$/) }],
    });
  });

  it('acknowledges and ignores events it does not handle', async () => {
    await deliver(sampleEvents.commentUpdated()).expect(200, { status: 'ignored' });
  });

  it('answers 201 while the event-bus is down and publishes once it is back', async () => {
    bus.respond = () => 503;
    const postId = await postFromEvent();
    const [created] = (await comment(postId, 'Patient').expect(201)).body;
    await eventually(() => expect(bus.requests.length).toBeGreaterThan(1));

    bus.respond = () => 201;
    const failedTries = bus.requests.length;
    await eventually(() => expect(bus.requests.length).toBeGreaterThan(failedTries), {
      timeoutMs: 15_000,
    });
    expect(busEvents().every((event) => event.data.id === created.id)).toBe(true);
  });

  it("pages through a post's comments with a Link to the next page", async () => {
    const postId = await postFromEvent();
    for (const content of ['a', 'b', 'c']) await comment(postId, content).expect(201);
    const first = await request(comments.url).get(`/posts/${postId}/comments?limit=2`).expect(200);
    expect(first.body.map((c: { content: string }) => c.content)).toEqual(['a', 'b']);
    expect(first.headers.link).toBe(
      `</posts/${postId}/comments?limit=2&after=${first.body[1].id}>; rel="next"`,
    );
    const second = await request(comments.url)
      .get(`/posts/${postId}/comments?limit=2&after=${first.body[1].id}`)
      .expect(200);
    expect(second.body.map((c: { content: string }) => c.content)).toEqual(['c']);
    expect(second.headers.link).toBeUndefined();
  });

  describe('rejects bad input with the error shape', () => {
    it.each([
      ['no content', {}, /required/],
      ['content that is not a string', { content: 42 }, /string/],
      ['empty content', { content: '   ' }, /empty/],
      ['content that is too long', { content: 'x'.repeat(CONTENT_MAX_LENGTH + 1) }, /at most/],
    ])('400 for %s', async (_case, body, message) => {
      const postId = await postFromEvent();
      const response = await request(comments.url)
        .post(`/posts/${postId}/comments`)
        .send(body)
        .expect(400);
      expect(response.body).toEqual({
        errors: [{ message: expect.stringMatching(message), field: 'content' }],
      });
      await request(comments.url).get(`/posts/${postId}/comments`).expect(200, []);
    });

    it('400 for malformed JSON', async () => {
      const response = await request(comments.url)
        .post(`/posts/${newId()}/comments`)
        .set('content-type', 'application/json')
        .send('{"content": ')
        .expect(400);
      expect(response.body).toEqual({ errors: [{ message: 'Malformed JSON body' }] });
    });

    it('413 for a body over the limit', async () => {
      const response = await comment(newId(), 'x'.repeat(20_000)).expect(413);
      expect(response.body.errors[0].message).toMatch(/larger than/);
    });

    it('415 for a body that is not JSON', async () => {
      const response = await request(comments.url)
        .post(`/posts/${newId()}/comments`)
        .set('content-type', 'text/plain')
        .send('content=hello')
        .expect(415);
      expect(response.body.errors[0].message).toMatch(/JSON/);
    });

    it('400 for a bad page size', async () => {
      const postId = await postFromEvent();
      const response = await request(comments.url)
        .get(`/posts/${postId}/comments?limit=0`)
        .expect(400);
      expect(response.body.errors[0].field).toBe('limit');
    });

    it('400 for an invalid event', async () => {
      const { data, ...noData } = sampleEvents.postCreated();
      const response = await request(comments.url)
        .post('/events')
        .send({ ...noData, data: { ...data, title: '' } })
        .expect(400);
      expect(response.body.errors[0].field).toBe('data.title');
    });

    it('404 for an unknown route', async () => {
      const response = await request(comments.url).delete('/posts/x/comments').expect(404);
      expect(response.body).toEqual({
        errors: [{ message: 'No route for DELETE /posts/x/comments' }],
      });
    });
  });
}

describe('comments API [memory]', () => {
  commentsApiSuite(() => ({}));
});

describeWithMongo('comments API', () => {
  commentsApiSuite(() => ({ MONGO_URL: uniqueMongoUrl('comments_api') }));
});

describe('comments with its database down', () => {
  it('answers 503 and fails /readyz until the database is reachable', async () => {
    const comments = await createService(commentsService, {
      PORT: '0',
      MONGO_URL: 'mongodb://127.0.0.1:1/comments',
      LOG_LEVEL: 'silent',
    });
    await comments.start();
    try {
      const created = await request(comments.url)
        .post(`/posts/${newId()}/comments`)
        .send({ content: 'lost?' })
        .expect(503);
      expect(created.body).toEqual({ errors: [{ message: 'mongodb is unavailable' }] });
      const ready = await request(comments.url).get('/readyz').expect(503);
      expect(ready.body.checks).toEqual({ mongodb: 'down' });
    } finally {
      await comments.stop();
    }
  });
});
