import { NatsServer, backends, deleteStreams, uniqueName, uniqueStream } from '@blog/testing';
import { dropStackDatabases, startBlogStack, type BlogStack } from '../../src/blog-stack';

/**
 * Stacks on MONGO_URL and a NATS server, and what they leave behind: each stack gets a stream of
 * its own (streams may not share subjects, and suites run in parallel), deleted afterwards; a
 * test that stops and starts NATS gets a nats-server of its own, removed afterwards.
 *
 * Each stack's databases have a prefix of their own and are dropped once it has stopped.
 */
export class RealBackends {
  private readonly stacks: BlogStack[] = [];
  private readonly ownServers: NatsServer[] = [];
  private readonly sharedStreams: string[] = [];
  private readonly databasePrefixes: string[] = [];

  async startStack(natsUrl: string): Promise<BlogStack> {
    const { stream, subjectPrefix } = uniqueStream();
    if (natsUrl === backends.natsUrl) this.sharedStreams.push(stream);
    const databasePrefix = uniqueName('e2e');
    this.databasePrefixes.push(databasePrefix);
    const blog = await startBlogStack({
      mongoUrl: backends.mongoUrl,
      natsUrl,
      databasePrefix,
      env: {
        NATS_STREAM: stream,
        NATS_SUBJECT_PREFIX: subjectPrefix,
        // A subscriber back from a fault is retried within 2 s, not up to 30 s (the default):
        // the tests wait for the system to converge, not for its backoff to run out.
        RETRY_MAX_MS: '2000',
      },
    });
    this.stacks.push(blog);
    return blog;
  }

  /** A nats-server on a temporary directory, which the test may stop and start again. */
  async startOwnNats(): Promise<NatsServer> {
    const server = await NatsServer.create();
    this.ownServers.push(server);
    await server.start();
    return server;
  }

  async cleanUp(): Promise<void> {
    await Promise.all(this.stacks.splice(0).map(({ stack }) => stack.stop()));
    await Promise.all(
      this.databasePrefixes
        .splice(0)
        .map((prefix) => dropStackDatabases(backends.mongoUrl!, prefix)),
    );
    const streams = this.sharedStreams.splice(0);
    if (backends.natsUrl && streams.length > 0) await deleteStreams(backends.natsUrl, streams);
    await Promise.all(this.ownServers.splice(0).map((server) => server.destroy()));
  }
}
