import { TITLE_MAX_LENGTH } from '@blog/contracts';
import { createService, type Service } from '@blog/service-kit';
import { CaptureServer, eventually, publishedEvents } from '@blog/testing';
import request from 'supertest';
import { postsService } from '../src/service';

describe('posts API', () => {
  let bus: CaptureServer;
  let posts: Service;

  beforeEach(async () => {
    bus = await CaptureServer.start(() => 201);
    posts = await createService(postsService, {
      PORT: '0',
      EVENT_BUS_URL: bus.url,
      LOG_LEVEL: 'silent',
    });
    await posts.start();
  });

  afterEach(async () => {
    await posts.stop();
    await bus.close();
  });

  const busEvents = () => publishedEvents(bus);

  it.each(['/posts/create', '/posts'])('creates a post with POST %s', async (path) => {
    const created = await request(posts.url).post(path).send({ title: 'First post' }).expect(201);
    expect(created.body).toEqual({ id: expect.any(String), title: 'First post' });

    await request(posts.url).get(`/posts/${created.body.id}`).expect(200, created.body);
    const list = await request(posts.url).get('/posts').expect(200);
    expect(list.body).toEqual({ [created.body.id]: created.body });
  });

  it('announces the post to the event-bus with a PostCreated event', async () => {
    const { body: post } = await request(posts.url)
      .post('/posts')
      .send({ title: 'Hello' })
      .expect(201);
    const events = await eventually(() => {
      const found = busEvents();
      expect(found).toHaveLength(1);
      return found;
    });
    expect(events[0]).toMatchObject({ type: 'PostCreated', source: 'posts', data: post });
  });

  it('answers 201 while the event-bus is down and publishes once it is back', async () => {
    bus.respond = () => 503;
    const { body: post } = await request(posts.url)
      .post('/posts')
      .send({ title: 'Patient' })
      .expect(201);
    await eventually(() => expect(bus.requests.length).toBeGreaterThan(1));
    expect(busEvents().every((event) => event.data.id === post.id)).toBe(true);

    const failedTries = bus.requests.length;
    bus.respond = () => 201;
    await eventually(() => expect(bus.requests.length).toBeGreaterThan(failedTries), {
      timeoutMs: 15_000,
    });
    const accepted = bus.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(bus.requests.length).toBe(accepted);
  });

  it('pages through posts in creation order with a Link to the next page', async () => {
    const ids: string[] = [];
    for (const title of ['a', 'b', 'c']) {
      ids.push((await request(posts.url).post('/posts').send({ title }).expect(201)).body.id);
    }
    const first = await request(posts.url).get('/posts?limit=2').expect(200);
    expect(Object.keys(first.body)).toEqual(ids.slice(0, 2));
    expect(first.headers.link).toBe(`</posts?limit=2&after=${ids[1]}>; rel="next"`);

    const second = await request(posts.url).get(`/posts?limit=2&after=${ids[1]}`).expect(200);
    expect(Object.keys(second.body)).toEqual(ids.slice(2));
    expect(second.headers.link).toBeUndefined();
  });

  describe('rejects bad input with the error shape', () => {
    it.each([
      ['no title', {}, 'title', /required/],
      ['a title that is not a string', { title: 42 }, 'title', /string/],
      ['an empty title', { title: '   ' }, 'title', /empty/],
      ['a title that is too long', { title: 'x'.repeat(TITLE_MAX_LENGTH + 1) }, 'title', /at most/],
    ])('400 for %s', async (_case, body, field, message) => {
      const response = await request(posts.url).post('/posts/create').send(body).expect(400);
      expect(response.body).toEqual({
        errors: [{ message: expect.stringMatching(message), field }],
      });
    });

    it('400 for malformed JSON', async () => {
      const response = await request(posts.url)
        .post('/posts')
        .set('content-type', 'application/json')
        .send('{"title": ')
        .expect(400);
      expect(response.body).toEqual({ errors: [{ message: 'Malformed JSON body' }] });
    });

    it('413 for a body over the limit', async () => {
      const response = await request(posts.url)
        .post('/posts')
        .send({ title: 'x'.repeat(20_000) })
        .expect(413);
      expect(response.body.errors[0].message).toMatch(/larger than/);
    });

    it('415 for a body that is not JSON', async () => {
      const response = await request(posts.url)
        .post('/posts')
        .set('content-type', 'text/plain')
        .send('title=hello')
        .expect(415);
      expect(response.body.errors[0].message).toMatch(/JSON/);
    });

    it('400 for a bad page size', async () => {
      const response = await request(posts.url).get('/posts?limit=0').expect(400);
      expect(response.body.errors[0].field).toBe('limit');
    });

    it('404 for an unknown post and an unknown route', async () => {
      const missing = await request(posts.url).get('/posts/nope').expect(404);
      expect(missing.body).toEqual({ errors: [{ message: 'Post nope not found', field: 'id' }] });
      const route = await request(posts.url).delete('/posts').expect(404);
      expect(route.body).toEqual({ errors: [{ message: 'No route for DELETE /posts' }] });
    });
  });

  it('stores nothing and publishes nothing for a rejected post', async () => {
    await request(posts.url).post('/posts').send({ title: '' }).expect(400);
    await request(posts.url).get('/posts').expect(200, {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bus.requests).toHaveLength(0);
  });
});

describe('posts with its database down', () => {
  it('answers 503 and fails /readyz until the database is reachable', async () => {
    const posts = await createService(postsService, {
      PORT: '0',
      MONGO_URL: 'mongodb://127.0.0.1:1/posts',
      LOG_LEVEL: 'silent',
    });
    await posts.start();
    try {
      const created = await request(posts.url).post('/posts').send({ title: 'lost?' }).expect(503);
      expect(created.body).toEqual({ errors: [{ message: 'mongodb is unavailable' }] });
      expect(created.headers['retry-after']).toBe('1');
      const ready = await request(posts.url).get('/readyz').expect(503);
      expect(ready.body.checks).toEqual({ mongodb: 'down' });
      await request(posts.url).get('/healthz').expect(200);
    } finally {
      await posts.stop();
    }
  });
});
