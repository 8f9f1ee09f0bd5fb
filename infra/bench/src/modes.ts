import { randomBytes } from 'node:crypto';
import { deleteStreams } from '@blog/testing';
import { dropStackDatabases, startBlogStack, type BlogStack } from '../../e2e/src/blog-stack';
import { SERVICES } from '../../local/src';

/** Where the services keep their data: in memory, or MongoDB and NATS JetStream. */
export interface Mode {
  name: string;
  mongoUrl?: string;
  natsUrl?: string;
}

/**
 * Runs `measure` on a stack of its own, started from empty storage: no measurement pays for the
 * backlog or the data of another. Its databases and its stream are its own, and deleted after.
 */
export async function onFreshStack<T>(
  { mongoUrl, natsUrl }: Mode,
  measure: (blog: BlogStack) => Promise<T>,
): Promise<T> {
  const stream = `BENCH_${randomBytes(4).toString('hex')}`;
  const blog = await startBlogStack({
    mongoUrl,
    databasePrefix: stream.toLowerCase(),
    natsUrl,
    env: natsUrl ? { NATS_STREAM: stream, NATS_SUBJECT_PREFIX: stream.toLowerCase() } : {},
  });
  try {
    return await measure(blog);
  } finally {
    // Killed, not stopped: nothing of theirs is kept, and a graceful stop waits for the work in
    // hand, which on a backlogged FerretDB takes the whole stop timeout.
    await Promise.all(SERVICES.map((service) => blog.stack.stopService(service, 'SIGKILL')));
    await blog.stack.stop();
    if (mongoUrl) await dropStackDatabases(mongoUrl, stream.toLowerCase());
    if (natsUrl) await deleteStreams(natsUrl, [stream]);
  }
}
