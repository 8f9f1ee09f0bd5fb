import mongoose from 'mongoose';
import {
  DATA_SERVICES,
  describeExit,
  freeStackPorts,
  stackDatabase,
  startStack,
  withDatabase,
  type Stack,
  type StackOptions,
} from '../../local/src';

export interface BlogStack {
  stack: Stack;
  /** Services that ended without being asked to, each with the stack's last lines of output. */
  crashes: string[];
}

/** Enough output to see what went wrong before a crash, not so much that it hides it. */
const TAIL_LINES = 200;

/**
 * The whole blog as processes on free ports, quiet: warnings and errors are kept, and shown
 * only when a service crashes or the stack cannot start. Without `mongoUrl` / `natsUrl`
 * everything is in memory, whatever MONGO_URL / NATS_URL the runner has exported.
 */
export async function startBlogStack(
  options: Pick<StackOptions, 'mongoUrl' | 'natsUrl' | 'databasePrefix' | 'env'> = {},
): Promise<BlogStack> {
  const tail: string[] = [];
  const crashes: string[] = [];
  const recentOutput = () => tail.join('\n');
  try {
    const stack = await startStack({
      ...options,
      ports: await freeStackPorts(),
      // Request logs (info) of every write would cost the services and this process dearly.
      env: { LOG_LEVEL: 'warn', ...options.env },
      output: (line) => {
        tail.push(line);
        if (tail.length > TAIL_LINES) tail.shift();
      },
      onUnexpectedExit: (service, status) =>
        crashes.push(`${service} ${describeExit(status)}; the last output:\n${recentOutput()}`),
      // Five Node processes starting at once on two busy cores, maybe connecting to backends.
      readyTimeoutMs: 90_000,
    });
    return { stack, crashes };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the blog did not start: ${reason}; the last output:\n${recentOutput()}`, {
      cause: error,
    });
  }
}

/**
 * Drops the databases of a stopped stack on `mongoUrl` (those named with its `databasePrefix`).
 * Only once its services have exited: FerretDB on SQLite deletes a dropped database's files at
 * once, and crashes (SIGBUS) when a write is still being committed to them.
 */
export async function dropStackDatabases(mongoUrl: string, databasePrefix: string): Promise<void> {
  await Promise.all(
    DATA_SERVICES.map(async (service) => {
      const url = withDatabase(mongoUrl, stackDatabase(service, databasePrefix));
      const connection = await mongoose
        .createConnection(url, { serverSelectionTimeoutMS: 5000 })
        .asPromise();
      try {
        await connection.dropDatabase();
      } finally {
        await connection.close();
      }
    }),
  );
}
