import { newId } from '@blog/contracts';
import { outboxStoreContract, sampleEvents } from '@blog/testing';
import type { PostStore } from './post-store';

/** Behaviour every PostStore adapter must have; run by each adapter's test file. */
export function postStoreContract(makeStore: () => Promise<PostStore>): void {
  let store: PostStore;
  beforeEach(async () => {
    store = await makeStore();
  });

  async function createPost(title = 'A post') {
    const event = sampleEvents.postCreated({ title });
    await store.create(event.data, event);
    return { post: event.data, event };
  }

  it('returns a created post by id', async () => {
    const { post } = await createPost('Hello');
    expect(await store.get(post.id)).toEqual({ id: post.id, title: 'Hello' });
  });

  it('returns nothing for an unknown id', async () => {
    expect(await store.get(newId())).toBeUndefined();
  });

  it('lists posts in creation order, a page at a time', async () => {
    const created = [];
    for (const title of ['one', 'two', 'three']) created.push((await createPost(title)).post);
    const firstPage = await store.list({ limit: 2 });
    expect(firstPage).toEqual(created.slice(0, 2));
    const secondPage = await store.list({ limit: 2, after: firstPage[1]!.id });
    expect(secondPage).toEqual(created.slice(2));
  });

  outboxStoreContract(async () => {
    const outboxStore = await makeStore();
    return {
      outbox: outboxStore,
      create: async () => {
        const event = sampleEvents.postCreated();
        await outboxStore.create(event.data, event);
        return { aggregateId: event.data.id, events: [event] };
      },
    };
  });
}
