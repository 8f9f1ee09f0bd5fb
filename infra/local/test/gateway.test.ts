import { once } from 'node:events';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { createServer, get } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CaptureServer } from '@blog/testing';
import request from 'supertest';
import { startGateway, type Gateway } from '../src/gateway';
import type { ApiService } from '../src/public-routes';

/**
 * The gateway in front of three stand-ins for posts, comments and query: real HTTP servers that
 * record what reaches them, so each assertion says which service a public request ends up at.
 */
describe('gateway', () => {
  let upstreams: Record<ApiService, CaptureServer>;
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
  function receiver(method: string, path: string): ApiService | undefined {
    const reached = (Object.keys(upstreams) as ApiService[]).filter((service) =>
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
    ['GET', '/posts/stream?after=4', 'query'],
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
    ['POST', '/posts'],
    ['DELETE', '/posts/p1'],
    ['POST', '/events'],
    ['PUT', '/'],
  ])('answers %s %s, which is not public, with a 404 error body', async (method, path) => {
    const response = await request(gateway.url)[method.toLowerCase() as 'put' | 'post' | 'delete'](
      path,
    );
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ errors: [{ message: `No route for ${method} ${path}` }] });
    expect(Object.values(upstreams).flatMap((upstream) => upstream.requests)).toEqual([]);
  });

  it('says the web client is not built when it has no build to serve', async () => {
    const response = await request(gateway.url).get('/');
    expect(response.status).toBe(404);
    expect(response.body.errors[0].message).toMatch(/web client is not built/);
  });

  it('passes the event stream through as it comes, without buffering it', async () => {
    const frame = 'id: 1\nevent: ready\ndata: {"after":1}\n\n';
    // The rest of the stream never comes: only a gateway that forwards as it receives shows this.
    const stream = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(frame);
    });
    stream.listen(0, '127.0.0.1');
    await once(stream, 'listening');
    const { port } = stream.address() as { port: number };
    const streaming = await startGateway({
      upstreams: {
        posts: upstreams.posts.url,
        comments: upstreams.comments.url,
        query: `http://127.0.0.1:${port}`,
      },
    });
    try {
      const first = await new Promise<string>((resolve, reject) => {
        get(`${streaming.url}/posts/stream`, { agent: false }, (res) => {
          res.setEncoding('utf8');
          res.once('data', (chunk: string) => {
            resolve(chunk);
            res.destroy();
          });
        }).on('error', reject);
      });
      expect(first).toBe(frame);
    } finally {
      await streaming.close();
      stream.closeAllConnections();
      stream.close();
    }
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

describe('gateway, with the web client built', () => {
  let query: CaptureServer;
  let gateway: Gateway;

  beforeAll(async () => {
    const siteDir = await mkdtemp(path.join(tmpdir(), 'blog-site-'));
    await mkdir(path.join(siteDir, 'assets'));
    await writeFile(path.join(siteDir, 'index.html'), '<!doctype html><title>Blog</title>');
    await writeFile(path.join(siteDir, 'assets/index-C9GLuLxC.js'), 'console.log(1)');
    query = await CaptureServer.start();
    gateway = await startGateway({
      upstreams: { posts: query.url, comments: query.url, query: query.url },
      siteDir,
    });
  });

  afterAll(async () => {
    await gateway.close();
    await query.close();
  });

  it('serves the page at /, query string and all, checked on every visit', async () => {
    const response = await request(gateway.url).get('/?after=0196a0b2').expect(200);
    expect(response.text).toContain('<title>Blog</title>');
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves built assets for good: their names change with their content', async () => {
    const response = await request(gateway.url).get('/assets/index-C9GLuLxC.js').expect(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers what the page does not have with a 404 error body, and the API still works', async () => {
    const missing = await request(gateway.url).get('/healthz');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ errors: [{ message: 'No route for GET /healthz' }] });
    await request(gateway.url).get('/posts').expect(200);
    expect(query.requests.map((seen) => seen.path)).toEqual(['/posts']);
  });
});
