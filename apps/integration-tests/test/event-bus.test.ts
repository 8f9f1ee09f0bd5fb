import type { BlogEvent } from '@blog/contracts';
import request from 'supertest';
import { addComment, createPost, queriedPost, uniqueTitle, untilAllReady } from '../src/blog-api';
import { targets } from '../src/targets';

interface Subscription {
  name: string;
  url: string;
  deadLetters: number;
}

const SUBSCRIBERS = ['query', 'comments', 'moderation'];

const concerns = (event: BlogEvent, postId: string) =>
  event.data.id === postId || ('postId' in event.data && event.data.postId === postId);

describe('the event-bus', () => {
  beforeAll(() => untilAllReady());

  it('delivers to the three subscribers of the system', async () => {
    const response = await request(targets.EVENT_BUS_URL).get('/subscriptions').expect(200);
    const subscriptions = response.body.subscriptions as Subscription[];
    expect(subscriptions.map((subscription) => subscription.name).sort()).toEqual(
      [...SUBSCRIBERS].sort(),
    );
    for (const subscription of subscriptions) {
      // Service names in a cluster, loopback ports on one machine: only the path is the same.
      expect(subscription.url).toMatch(/^https?:\/\/[^/]+\/events$/);
    }
  });

  it('dead-letters no event of a post with a clean and a rejected comment', async () => {
    const post = await createPost(uniqueTitle('Nothing lost'));
    await addComment(post.id, 'All good here');
    await addComment(post.id, 'an orange, please');
    await queriedPost(post.id, ({ comments }) => {
      expect(comments.map((comment) => comment.status).sort()).toEqual(['approved', 'rejected']);
    });

    for (const name of SUBSCRIBERS) {
      const response = await request(targets.EVENT_BUS_URL)
        .get(`/subscriptions/${name}/dead-letters?limit=1000`)
        .expect(200);
      const mine = (response.body.deadLetters as { event: BlogEvent }[]).filter(({ event }) =>
        concerns(event, post.id),
      );
      expect({ subscriber: name, deadLetters: mine }).toEqual({
        subscriber: name,
        deadLetters: [],
      });
    }
  });
});
