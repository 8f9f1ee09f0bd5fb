import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CaptureServer } from '@blog/testing';
import { isAxiosError } from 'axios';
import { createHttpClient } from './http-client';

describe('createHttpClient', () => {
  let server: CaptureServer;

  beforeEach(async () => {
    server = await CaptureServer.start();
  });

  afterEach(async () => {
    await server.close();
  });

  /** Answers `statuses` in turn, then 200. */
  const answerInTurn = (...statuses: number[]) => {
    server.respond = () => statuses.shift() ?? 200;
  };

  it.each(['get', 'put', 'delete'] as const)(
    'retries an idempotent %s answered with 503',
    async (method) => {
      answerInTurn(503, 503);
      const client = createHttpClient({ baseURL: server.url, retries: 2 });
      const response = await client.request({ method, url: '/thing' });
      expect(response.status).toBe(200);
      expect(server.requests).toHaveLength(3);
    },
  );

  it('gives up after `retries` extra attempts with the last answer', async () => {
    answerInTurn(503, 503, 503, 503);
    const client = createHttpClient({ baseURL: server.url, retries: 2 });
    const error: unknown = await client.get('/thing').catch((caught: unknown) => caught);
    expect(isAxiosError(error) && error.response?.status).toBe(503);
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a 4xx answer', async () => {
    answerInTurn(404);
    const client = createHttpClient({ baseURL: server.url, retries: 2 });
    await expect(client.get('/thing')).rejects.toThrow(/404/);
    expect(server.requests).toHaveLength(1);
  });

  it('does not repeat a POST answered with 503', async () => {
    answerInTurn(503);
    const client = createHttpClient({ baseURL: server.url, retries: 2 });
    await expect(client.post('/things', { name: 'once' })).rejects.toThrow(/503/);
    expect(server.requests).toHaveLength(1);
  });

  it('repeats a POST, with the same body, when the caller says it is harmless', async () => {
    answerInTurn(503, 500);
    const client = createHttpClient({
      baseURL: server.url,
      retries: 2,
      retryNonIdempotent: true,
    });
    const response = await client.post('/events', { id: 'e1' });
    expect(response.status).toBe(200);
    expect(server.bodies()).toEqual([{ id: 'e1' }, { id: 'e1' }, { id: 'e1' }]);
  });

  it('retries a GET that timed out', async () => {
    let answerFirst = () => {};
    const firstAnswered = new Promise<number>((resolve) => (answerFirst = () => resolve(200)));
    server.respond = () => (server.requests.length === 1 ? firstAnswered : 200);
    const client = createHttpClient({ baseURL: server.url, timeoutMs: 500, retries: 2 });
    const response = await client.get('/slow-once');
    answerFirst();
    expect(response.status).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it('sends a relative path to the base URL and does not follow redirects', async () => {
    answerInTurn(302);
    const client = createHttpClient({ baseURL: `${server.url}/`, retries: 0 });
    await expect(client.get('/moved')).rejects.toThrow(/302/);
    expect(server.requests.map((request) => request.path)).toEqual(['/moved']);
  });
});

describe('createHttpClient when the connection fails', () => {
  let server: Server;
  let received: string[];
  let url: string;

  /** A server that reads each request and then drops the connection without answering. */
  beforeEach(async () => {
    received = [];
    server = createServer((req) => {
      received.push(`${req.method} ${req.url}`);
      req.socket.destroy();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('retries a GET after a dropped connection', async () => {
    const client = createHttpClient({ baseURL: url, retries: 2 });
    await expect(client.get('/thing')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(received).toEqual(['GET /thing', 'GET /thing', 'GET /thing']);
  });

  it('does not repeat a POST the server may have processed before dropping the connection', async () => {
    const client = createHttpClient({ baseURL: url, retries: 2 });
    await expect(client.post('/things', {})).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(received).toEqual(['POST /things']);
  });

  it('retries a GET to a server that is not listening', async () => {
    const client = createHttpClient({ baseURL: url, retries: 1 });
    let attempts = 0;
    client.interceptors.request.use((config) => {
      attempts += 1;
      return config;
    });
    server.close();
    await expect(client.get('/thing')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(attempts).toBe(2);
  });
});
