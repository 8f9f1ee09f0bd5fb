import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uniqueName } from './backends';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/** A stream and subjects of its own: streams may not share subjects, and suites run in parallel. */
export function uniqueStream(): { stream: string; subjectPrefix: string } {
  return { stream: uniqueName('EVENTS'), subjectPrefix: uniqueName('events') };
}

/** Deletes a log's streams (events and dead letters) once a suite is done with them. */
export async function deleteStreams(url: string, streams: string[]): Promise<void> {
  const connection = await connect({ servers: url });
  try {
    const jsm = await jetstreamManager(connection);
    for (const stream of streams.flatMap((name) => [name, `${name}_DEAD`])) {
      await jsm.streams.delete(stream).catch(() => false);
    }
  } finally {
    await connection.close();
  }
}

const hasNatsServer = spawnSync('nats-server', ['--version']).status === 0;

/** Suites that start, kill and restart a nats-server of their own run where the binary is. */
export const describeWithNatsServer = (name: string, suite: () => void): void =>
  hasNatsServer
    ? describe(`${name} [own nats-server]`, suite)
    : describe.skip(`${name} [SKIPPED: no nats-server on PATH]`, suite);

/** A free TCP port: a server that is down must still have an address to come back on. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A nats-server process with JetStream on a temporary directory, which a test can kill and restart. */
export class NatsServer {
  private process?: ChildProcess;

  private constructor(
    readonly port: number,
    private readonly storeDir: string,
  ) {}

  static async create(port?: number): Promise<NatsServer> {
    const storeDir = await mkdtemp(path.join(tmpdir(), 'blog-nats-'));
    return new NatsServer(port ?? (await freePort()), storeDir);
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const args = ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir];
    this.process = spawn('nats-server', args, { stdio: 'ignore' });
    await waitForPort(this.port);
  }

  /** SIGTERM is a restart's stop (what Kubernetes sends); SIGKILL a crash. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }

  async destroy(): Promise<void> {
    await this.stop('SIGKILL');
    await rm(this.storeDir, { recursive: true, force: true });
  }
}

async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await accepts(port))) {
    if (Date.now() > deadline) throw new Error(`nats-server did not listen on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
