import { sleep } from '@blog/service-kit';
import { BlogClient } from '../src/blog-client';
import { startBlogStack, type BlogStack } from '../src/blog-stack';
import { paced } from '../src/pace';
import { Workload } from '../src/workload';
import { untilQueryShowsExactly } from './support/settled-blog';

/** Posts and comments in turn: 20 of each a second. */
const WRITES_PER_SECOND = 40;

/**
 * In memory, a restarted query service starts empty and rebuilds its model from the event-bus
 * log, while the bus keeps pushing new events to it: the two must add up to the exact model.
 */
describe('query in memory, killed and restarted amid writes', () => {
  let blog: BlogStack;

  beforeAll(async () => {
    blog = await startBlogStack();
  }, 120_000);

  afterAll(async () => {
    await blog?.stack.stop();
  });

  it('comes back with every post, every comment and every final status', async () => {
    const { stack } = blog;
    const client = new BlogClient(stack.urls);
    const workload = new Workload(client);
    const write = (index: number) => workload.write(index);

    const before = paced(WRITES_PER_SECOND, 6000, write);
    await sleep(2000);
    await stack.stopService('query', 'SIGKILL');
    await stack.startService('query');
    // More writes once it is back, whatever the time its restart took.
    const after = paced(WRITES_PER_SECOND, 2000, write);
    await Promise.all([before, after]);

    expect(workload.failures).toEqual({});
    await untilQueryShowsExactly(client, workload);
    expect(blog.crashes).toEqual([]);
  });
});
