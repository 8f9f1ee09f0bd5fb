import { sleep } from '@blog/service-kit';
import { backends, describeWithMongo, describeWithNats, eventually } from '@blog/testing';
import request from 'supertest';
import { SERVICES } from '../../local/src';
import { BlogClient } from '../src/blog-client';
import { paced } from '../src/pace';
import { Workload } from '../src/workload';
import { commentThroughGateway } from './support/gateway';
import { RealBackends } from './support/real-backends';
import {
  expectedEventsInLog,
  untilQueryShowsExactly,
  workloadEventsInLog,
} from './support/settled-blog';

/** Posts and comments in turn: 20 of each a second, through every fault below. */
const WRITES_PER_SECOND = 40;
const SLOW = { timeoutMs: 60_000, intervalMs: 200 };

/**
 * The blog on MongoDB and NATS JetStream, through the faults the course's version does not
 * survive: whatever stops, every write is answered 201 and ends up everywhere, exactly once.
 */
describeWithMongo('the blog', () => {
  describeWithNats('on real backends', () => {
    const real = new RealBackends();
    afterEach(() => real.cleanUp());

    it('runs the whole flow, and keeps all of it across a restart of every service and NATS', async () => {
      const nats = await real.startOwnNats();
      const { stack, crashes } = await real.startStack(nats.url);
      const gateway = request(stack.urls.gateway);
      const { body: post } = await gateway
        .post('/posts/create')
        .send({ title: 'Kept' })
        .expect(201);
      const clean = await commentThroughGateway(stack.urls.gateway, post.id, 'Worth keeping');
      const blocked = await commentThroughGateway(stack.urls.gateway, post.id, 'Keep the orange');
      const moderated = {
        ...post,
        comments: [
          { ...clean, status: 'approved' },
          { ...blocked, status: 'rejected' },
        ],
      };
      await eventually(async () => {
        expect((await gateway.get(`/posts/${post.id}`).expect(200)).body).toEqual(moderated);
      }, SLOW);

      await Promise.all(SERVICES.map((service) => stack.stopService(service)));
      await nats.stop();
      await nats.start();
      await Promise.all(SERVICES.map((service) => stack.startService(service)));

      // Kept, not rebuilt: every service answers from its own storage at once.
      expect((await gateway.get(`/posts/${post.id}`).expect(200)).body).toEqual(moderated);
      await request(stack.urls.posts).get(`/posts/${post.id}`).expect(200, post);
      await request(stack.urls.comments)
        .get(`/posts/${post.id}/comments`)
        .expect(200, moderated.comments);
      const { body: log } = await request(stack.urls.eventBus).get('/events').expect(200);
      const types = log.events
        .filter(({ event }: { event: { data: { id: string; postId?: string } } }) =>
          [event.data.id, event.data.postId].includes(post.id),
        )
        .map(({ event }: { event: { type: string } }) => event.type);
      expect(types.sort()).toEqual([
        ...Array<string>(2).fill('CommentCreated'),
        ...Array<string>(2).fill('CommentModerated'),
        ...Array<string>(2).fill('CommentUpdated'),
        'PostCreated',
      ]);

      // And it carries on: a new comment goes all the way through.
      const late = await commentThroughGateway(stack.urls.gateway, post.id, 'Still here');
      await eventually(async () => {
        const { body: shown } = await gateway.get(`/posts/${post.id}`).expect(200);
        expect(shown.comments).toEqual([...moderated.comments, { ...late, status: 'approved' }]);
      }, SLOW);
      expect(crashes).toEqual([]);
    });

    it('answers every write while the event-bus is down, and delivers all of it once it is back', async () => {
      const { stack, crashes } = await real.startStack(backends.natsUrl!);
      const client = new BlogClient(stack.urls);
      const workload = new Workload(client);
      const write = (index: number) => workload.write(index);

      const writes = paced(WRITES_PER_SECOND, 8000, write);
      await sleep(2000);
      await stack.stopService('event-bus', 'SIGKILL');
      await sleep(3000);
      await stack.startService('event-bus');
      await writes;

      expect(workload.failures).toEqual({});
      await untilQueryShowsExactly(client, workload);
      expect(await workloadEventsInLog(client, workload)).toEqual(expectedEventsInLog(workload));
      expect(crashes).toEqual([]);
    });

    it('loses nothing and stores nothing twice when NATS crashes and restarts mid-stream', async () => {
      const nats = await real.startOwnNats();
      const { stack, crashes } = await real.startStack(nats.url);
      const client = new BlogClient(stack.urls);
      const workload = new Workload(client);
      const write = (index: number) => workload.write(index);

      const writes = paced(WRITES_PER_SECOND, 8000, write);
      await sleep(2000);
      await nats.stop('SIGKILL');
      await sleep(2000);
      await nats.start();
      await writes;

      expect(workload.failures).toEqual({});
      await untilQueryShowsExactly(client, workload);
      expect(await workloadEventsInLog(client, workload)).toEqual(expectedEventsInLog(workload));
      expect(crashes).toEqual([]);
    });

    it('has query catch up exactly after it is killed amid writes', async () => {
      const { stack, crashes } = await real.startStack(backends.natsUrl!);
      const client = new BlogClient(stack.urls);
      const workload = new Workload(client);
      const write = (index: number) => workload.write(index);

      const before = paced(WRITES_PER_SECOND, 6000, write);
      await sleep(2000);
      await stack.stopService('query', 'SIGKILL');
      await sleep(1000);
      await stack.startService('query');
      const after = paced(WRITES_PER_SECOND, 2000, write);
      await Promise.all([before, after]);

      expect(workload.failures).toEqual({});
      await untilQueryShowsExactly(client, workload);
      expect(crashes).toEqual([]);
    });
  });
});
