import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';

export interface ServerProcess {
  /** Stops the server (SIGTERM, then SIGKILL if it lingers) and waits until it is gone. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Starts a server binary with its output in `logFile` (servers are chatty; the log is shown only
 * when the server fails to start) and resolves once it accepts TCP connections on `port`.
 */
export async function startServer(
  binary: string,
  args: string[],
  { port, logFile }: { port: number; logFile: string },
): Promise<ServerProcess> {
  const log = openSync(logFile, 'a');
  const child = spawn(binary, args, { stdio: ['ignore', log, log] });
  closeSync(log);
  const exited = once(child, 'exit');
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const stop = async () => {
    if (hasExited) return;
    child.kill('SIGTERM');
    const deadline = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(deadline);
  };

  const giveUpAt = Date.now() + READY_TIMEOUT_MS;
  while (!(await acceptsConnections(port))) {
    if (hasExited || Date.now() > giveUpAt) {
      const what = hasExited ? 'exited before listening' : 'did not listen';
      await stop();
      const output = readFileSync(logFile, 'utf8').trim().split('\n').slice(-20).join('\n');
      throw new Error(`${binary} ${what} on port ${port}; its last output:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { stop };
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
