import path from 'node:path';
import { freePort } from '../../local/src/free-port';
import { givenByUser, unavailable, type Backend } from './backend';
import { startServer } from './server-process';
import { which } from './which';

/** A NATS server with JetStream: NATS_URL, or nats-server from PATH on a free port, or none. */
export async function findNats(env: NodeJS.ProcessEnv, workDir: string): Promise<Backend> {
  if (env.NATS_URL) return givenByUser(env.NATS_URL, 'NATS_URL');
  const binary = which('nats-server', env);
  if (!binary) return unavailable('nats-server is not on PATH');
  const port = await freePort();
  const server = await startServer(
    binary,
    ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', path.join(workDir, 'jetstream')],
    { port, logFile: path.join(workDir, 'nats-server.log') },
  );
  return {
    url: `nats://127.0.0.1:${port}`,
    source: `nats-server with JetStream, started from ${binary}`,
    stop: () => server.stop(),
  };
}
