import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../src/free-port';
import { waitUntilReady } from '../src/readiness';
import { ServiceProcess, type ExitStatus } from '../src/service-process';

/**
 * ServiceProcess with small scripts in place of the bundles: a service that is ready and stops
 * gracefully on SIGTERM, one that crashes as it starts, one that never gets ready.
 */
const SCRIPTS = {
  graceful: `
    const http = require('node:http');
    const server = http.createServer((req, res) => res.writeHead(req.url === '/readyz' ? 200 : 404).end());
    server.listen(Number(process.env.PORT), '127.0.0.1', () =>
      console.log(JSON.stringify({ level: 'info', msg: 'listening', port: Number(process.env.PORT) })));
    process.on('SIGTERM', () => server.close(() => process.exit(0)));`,
  crashing: `console.error('cannot start: BAD_SETTING is not a number'); process.exit(3);`,
  neverReady: `
    const http = require('node:http');
    http.createServer((req, res) => res.writeHead(503).end('{"status":"not ready"}'))
      .listen(Number(process.env.PORT), '127.0.0.1');`,
};

describe('ServiceProcess', () => {
  let dir: string;
  let port: number;
  let lines: string[];
  let unexpectedExits: ExitStatus[];
  let service: ServiceProcess | undefined;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'service-process-'));
    for (const [name, source] of Object.entries(SCRIPTS)) {
      writeFileSync(path.join(dir, `${name}.cjs`), source);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeEach(async () => {
    port = await freePort();
    lines = [];
    unexpectedExits = [];
  });
  afterEach(async () => {
    await service?.stop('SIGKILL');
  });

  function serviceFrom(script: keyof typeof SCRIPTS): ServiceProcess {
    service = new ServiceProcess({
      name: script,
      bundle: path.join(dir, `${script}.cjs`),
      env: { ...process.env, PORT: String(port) },
      onLine: (line) => lines.push(line),
      onUnexpectedExit: (status) => unexpectedExits.push(status),
    });
    return service;
  }

  const ready = (target: ServiceProcess, timeoutMs = 10_000) =>
    waitUntilReady(target.name, `http://127.0.0.1:${port}`, {
      timeoutMs,
      exited: target.exited,
    });

  it('runs the service until asked to stop, then lets it shut down gracefully', async () => {
    const graceful = serviceFrom('graceful');
    graceful.start();
    await ready(graceful);
    expect(graceful.isRunning).toBe(true);
    expect(lines.map((line) => JSON.parse(line))).toContainEqual(
      expect.objectContaining({ msg: 'listening', port }),
    );

    expect(await graceful.stop()).toEqual({ code: 0, signal: null });
    expect(graceful.isRunning).toBe(false);
    expect(unexpectedExits).toEqual([]);
  });

  it('starts again on the same port after a kill', async () => {
    const graceful = serviceFrom('graceful');
    graceful.start();
    await ready(graceful);
    expect(await graceful.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });

    graceful.start();
    await ready(graceful);
    expect(graceful.isRunning).toBe(true);
    expect(unexpectedExits).toEqual([]);
  });

  it('reports a crash with the lines the service printed', async () => {
    const crashing = serviceFrom('crashing');
    crashing.start();
    await expect(ready(crashing)).rejects.toThrow(
      'crashing exited (exit code 3) before it was ready',
    );
    expect(unexpectedExits).toEqual([{ code: 3, signal: null }]);
    expect(lines).toEqual(['cannot start: BAD_SETTING is not a number']);
  });

  it('gives up on a service that never gets ready, saying what it answered', async () => {
    const neverReady = serviceFrom('neverReady');
    neverReady.start();
    await expect(ready(neverReady, 1000)).rejects.toThrow(
      'neverReady was not ready after 1000 ms; last answer: 503 {"status":"not ready"}',
    );
  });
});
