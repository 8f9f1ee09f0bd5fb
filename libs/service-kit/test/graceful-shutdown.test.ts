import { once } from 'node:events';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import type { BackgroundWorker } from '../src';
import { startKitService } from './kit-service';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Client-side port of the connection that carried the request. */
  localPort: number | undefined;
}

function get(url: string, agent?: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body,
          localPort: req.socket?.localPort,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

function acceptsConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('graceful shutdown', () => {
  it('finishes the request in flight, then stops workers, then closes resources', async () => {
    const timeline: string[] = [];
    const requestArrived = deferred();
    const answerNow = deferred();
    let url = '';
    const worker: BackgroundWorker = {
      name: 'worker',
      start: () => timeline.push('worker started'),
      stop: async () => {
        const listening = await acceptsConnections(url);
        timeline.push(`worker stopped (server listening: ${listening})`);
      },
    };
    const service = await startKitService({
      routes(app) {
        app.get('/slow', async (_req, res) => {
          requestArrived.resolve();
          await answerNow.promise;
          res.on('finish', () => timeline.push('slow request answered'));
          res.json({ done: true });
        });
      },
      workers: [worker],
      close: () => {
        timeline.push('resources closed');
        return Promise.resolve();
      },
    });
    url = service.url;

    const slow = get(`${url}/slow`);
    await requestArrived.promise;
    const stopped = service.stop().then(() => timeline.push('stopped'));

    expect(await acceptsConnections(url)).toBe(false);
    expect(timeline).toEqual(['worker started']);

    answerNow.resolve();
    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ done: true });
    await stopped;
    expect(timeline).toEqual([
      'worker started',
      'slow request answered',
      'worker stopped (server listening: false)',
      'resources closed',
      'stopped',
    ]);
  });

  it('runs once however often it is asked to', async () => {
    const close = jest.fn(() => Promise.resolve());
    const workerStop = jest.fn(() => Promise.resolve());
    const service = await startKitService({
      routes: () => {},
      workers: [{ name: 'worker', start: () => {}, stop: workerStop }],
      close,
    });
    const first = service.stop();
    const second = service.stop('SIGINT');
    expect(second).toBe(first);
    await Promise.all([first, second]);
    await service.stop();
    expect(workerStop).toHaveBeenCalledTimes(1);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('during the shutdown delay, fails readiness and asks kept-alive clients to reconnect', async () => {
    const service = await startKitService(
      { routes: () => {}, readiness: [{ name: 'database', check: () => true }] },
      { SHUTDOWN_DELAY_MS: '1500' },
    );
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const before = await get(`${service.url}/readyz`, agent);
      expect(before.status).toBe(200);
      expect(before.headers.connection).toBe('keep-alive');

      const stopped = service.stop();
      const during = await get(`${service.url}/readyz`, agent);
      expect(during.localPort).toBe(before.localPort);
      expect(during.status).toBe(503);
      expect(during.headers.connection).toBe('close');
      expect(JSON.parse(during.body)).toMatchObject({
        status: 'not ready',
        checks: { database: 'up' },
        errors: [{ message: 'shutting down' }],
      });
      await stopped;
    } finally {
      agent.destroy();
    }
  });

  it('does not wait for idle kept-alive connections to time out', async () => {
    const service = await startKitService({ routes: () => {} }, { SHUTDOWN_TIMEOUT_MS: '600000' });
    const agent = new Agent({ keepAlive: true });
    try {
      const url = service.url;
      const answer = await get(`${url}/healthz`, agent);
      expect(answer.headers.connection).toBe('keep-alive');
      const [idle] = Object.values(agent.freeSockets).flat();
      const idleClosed = once(idle!, 'close');
      await service.stop();
      await idleClosed;
      expect(await acceptsConnections(url)).toBe(false);
    } finally {
      agent.destroy();
    }
  });

  it('cuts requests still open at SHUTDOWN_TIMEOUT_MS and still closes resources', async () => {
    const requestArrived = deferred();
    const close = jest.fn(() => Promise.resolve());
    const service = await startKitService(
      {
        routes(app) {
          app.get('/forever', () => {
            requestArrived.resolve();
          });
        },
        close,
      },
      { SHUTDOWN_TIMEOUT_MS: '300' },
    );
    const hanging = get(`${service.url}/forever`);
    await requestArrived.promise;
    await service.stop();
    await expect(hanging).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(close).toHaveBeenCalledTimes(1);
  });
});
