import { once } from 'node:events';
import { createServer } from 'node:http';
import { CaptureServer } from '@blog/testing';
import request from 'supertest';
import { startGateway, type Gateway } from '../src/gateway';
import type { PublicService } from '../src/public-routes';

/**
 * The gateway in front of three stand-ins for posts, comments and query: real HTTP servers that
 * record what reaches them, so each assertion says which service a public request ends up at.
 */
describe('gateway', () => {
  let upstreams: Record<PublicService, CaptureServer>;
  let gateway: Gateway;
  const upstreamErrors: string[] = [];

  beforeEach(async () => {
    upstreams = {
      posts: await CaptureServer.start(),
      comments: await CaptureServer.start(),
      query: await CaptureServer.start(),
    };
    gateway = await startGateway({
      upstreams: {
        posts: upstreams.posts.url,
        comments: upstreams.comments.url,
        query: upstreams.query.url,
      },
      upstreamTimeoutMs: 500,
      onUpstreamError: (service) => upstreamErrors.push(service),
    });
  });

  afterEach(async () => {
    await gateway.close();
    await Promise.all(Object.values(upstreams).map((upstream) => upstream.close()));
  });

  /** The service whose stand-in received `method path`, if exactly one did. */
  function receiver(method: string, path: string): PublicService | undefined {
    const reached = (Object.keys(upstreams) as PublicService[]).filter((service) =>
      upstreams[service].requests.some((seen) => seen.method === method && seen.path === path),
    );
    return reached.length === 1 ? reached[0] : undefined;
  }

  it.each([
    ['POST', '/posts/create', 'posts'],
    ['GET', '/posts/0195f1a2-post/comments', 'comments'],
    ['POST', '/posts/0195f1a2-post/comments', 'comments'],
    ['GET', '/posts', 'query'],
    ['GET', '/posts?limit=2&after=x', 'query'],
    ['GET', '/posts/0195f1a2-post', 'query'],
  ])('sends %s %s to %s, path and query unchanged', async (method, path, service) => {
    const response = await request(gateway.url)[method === 'GET' ? 'get' : 'post'](path);
    expect(response.status).toBe(200);
    expect(receiver(method, path)).toBe(service);
  });

  it('forwards the body and the headers', async () => {
    await request(gateway.url)
      .post('/posts/p1/comments')
      .set('x-request-id', 'trace-1')
      .send({ content: 'Nice post' })
      .expect(200);
    const [received] = upstreams.comments.requests;
    expect(received?.body).toEqual({ content: 'Nice post' });
    expect(received?.headers['x-request-id']).toBe('trace-1');
    expect(received?.headers['x-forwarded-for']).toBeDefined();
  });

  it("passes the service's own answer through, errors included", async () => {
    upstreams.query.respond = () => 503;
    const response = await request(gateway.url).get('/posts/p1');
    expect(response.status).toBe(503);
  });

  it.each([
    ['GET', '/'],
    ['POST', '/posts'],
    ['DELETE', '/posts/p1'],
    ['POST', '/events'],
    ['GET', '/healthz'],
    ['GET', '/posts/p1/comments/c1'],
  ])('answers %s %s, which is not public, with a 404 error body', async (method, path) => {
    const response = await request(gateway.url)[method.toLowerCase() as 'get' | 'post' | 'delete'](
      path,
    );
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ errors: [{ message: `No route for ${method} ${path}` }] });
    expect(Object.values(upstreams).flatMap((upstream) => upstream.requests)).toEqual([]);
  });

  it('answers 502 with an error body when the service is down', async () => {
    await upstreams.query.close();
    const response = await request(gateway.url).get('/posts');
    expect(response.status).toBe(502);
    expect(response.body).toEqual({ errors: [{ message: 'query is unavailable' }] });
    expect(upstreamErrors).toContain('query');
  });

  it('answers 502 instead of hanging when the service never answers', async () => {
    const silent = createServer(() => {
      // Takes the request and never answers: a service stuck on something.
    });
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const address = silent.address() as { port: number };
    const stuckGateway = await startGateway({
      upstreams: {
        posts: `http://127.0.0.1:${address.port}`,
        comments: upstreams.comments.url,
        query: upstreams.query.url,
      },
      upstreamTimeoutMs: 300,
    });
    try {
      const response = await request(stuckGateway.url)
        .post('/posts/create')
        .send({ title: 'Hello' });
      expect(response.status).toBe(502);
      expect(response.body).toEqual({ errors: [{ message: 'posts is unavailable' }] });
    } finally {
      await stuckGateway.close();
      silent.closeAllConnections();
      silent.close();
    }
  });
});
