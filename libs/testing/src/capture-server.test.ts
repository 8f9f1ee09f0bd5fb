import { CaptureServer } from './capture-server';

describe('CaptureServer', () => {
  let server: CaptureServer;

  afterEach(async () => {
    await server.close();
  });

  it('records each request and answers with the status it is told', async () => {
    server = await CaptureServer.start(() => 202);
    const response = await fetch(`${server.url}/events?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-event-seq': '7' },
      body: JSON.stringify({ id: 'e1' }),
    });
    expect(response.status).toBe(202);
    expect(server.requests).toEqual([
      expect.objectContaining({ method: 'POST', path: '/events?x=1', body: { id: 'e1' } }),
    ]);
    expect(server.requests[0]?.headers['x-event-seq']).toBe('7');
  });

  it('keeps a body that is not JSON as text, and no body as undefined', async () => {
    server = await CaptureServer.start();
    await fetch(server.url, { method: 'POST', body: 'plain words' });
    await fetch(server.url);
    expect(server.bodies()).toEqual(['plain words', undefined]);
  });

  it('can change its answer, and take its time to give it', async () => {
    server = await CaptureServer.start();
    server.respond = (request) =>
      new Promise((resolve) => setTimeout(() => resolve(request.path === '/down' ? 503 : 200), 20));
    expect((await fetch(`${server.url}/down`)).status).toBe(503);
    expect((await fetch(`${server.url}/up`)).status).toBe(200);
  });
});
