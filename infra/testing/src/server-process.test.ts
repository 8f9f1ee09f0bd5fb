import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../local/src/free-port';
import { startServer } from './server-process';

describe('startServer', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'server-process-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves once the server accepts connections, and stops it', async () => {
    const port = await freePort();
    const listen = `require('node:net').createServer().listen(${port}, '127.0.0.1')`;
    const server = await startServer(process.execPath, ['-e', listen], {
      port,
      logFile: path.join(dir, 'server.log'),
    });
    expect(await accepts(port)).toBe(true);
    await server.stop();
    expect(await accepts(port)).toBe(false);
  });

  it('fails with the last lines of its output when the server exits instead', async () => {
    const port = await freePort();
    const crash = `console.error('unknown flag: -js'); process.exit(2)`;
    await expect(
      startServer(process.execPath, ['-e', crash], { port, logFile: path.join(dir, 'server.log') }),
    ).rejects.toThrow(/exited before listening on port \d+; its last output:\nunknown flag: -js/);
  });
});

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(true)).once('error', () => resolve(false));
    socket.once('connect', () => socket.destroy());
  });
}
