import { eventually } from '@blog/testing';
import request from 'supertest';
import { freeStackPorts } from '../src/free-port';
import type { ExitStatus } from '../src/service-process';
import type { ServiceName } from '../src/services';
import { startStack, type Stack } from '../src/stack';

/**
 * The real thing: the five services from their bundles (the test target builds them first) and
 * the gateway, on free ports, everything in memory. A smoke test of the launcher; the system's
 * behaviour is tested end to end elsewhere.
 */
describe('the local stack', () => {
  let stack: Stack;
  const crashes: { service: ServiceName; status: ExitStatus }[] = [];

  beforeAll(async () => {
    stack = await startStack({
      ports: await freeStackPorts(),
      output: () => {},
      onUnexpectedExit: (service, status) => crashes.push({ service, status }),
      readyTimeoutMs: 90_000,
    });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('serves the public API through the gateway, events flowing from posts to query', async () => {
    const created = await request(stack.urls.gateway)
      .post('/posts/create')
      .send({ title: 'Hello from the stack' })
      .expect(201);

    await eventually(
      async () => {
        const posts = await request(stack.urls.gateway).get('/posts').expect(200);
        expect(posts.body[created.body.id]).toMatchObject({ title: 'Hello from the stack' });
      },
      { timeoutMs: 20_000 },
    );
  });

  it('serves the web client, built with the apps, at / through the gateway', async () => {
    const page = await request(stack.urls.gateway).get('/').expect(200);
    expect(page.text).toContain('<div id="root"></div>');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
    await request(stack.urls.gateway).get(script!).expect(200);
  });

  it('answers 502 while query is down, and serves again once it is back on its port', async () => {
    await stack.stopService('query', 'SIGKILL');
    const whileDown = await request(stack.urls.gateway).get('/posts');
    expect(whileDown.status).toBe(502);
    expect(whileDown.body).toEqual({ errors: [{ message: 'query is unavailable' }] });

    await stack.startService('query');
    await request(stack.urls.gateway).get('/posts').expect(200);
    expect(crashes).toEqual([]);
  }, 120_000);

  it('stops a service gracefully on SIGTERM', async () => {
    expect(await stack.stopService('moderation')).toEqual({ code: 0, signal: null });
    await stack.startService('moderation');
  }, 120_000);
});
