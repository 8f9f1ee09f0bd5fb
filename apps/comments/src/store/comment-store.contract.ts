import { deterministicId, newId, type CommentStatus } from '@blog/contracts';
import { createEvent } from '@blog/messaging';
import { changingOutboxStoreContract, sampleEvents } from '@blog/testing';
import type { CommentStore, StoredComment } from './comment-store';

/** Behaviour every CommentStore adapter must have; run by each adapter's test file. */
export function commentStoreContract(makeStore: () => Promise<CommentStore>): void {
  let store: CommentStore;
  beforeEach(async () => {
    store = await makeStore();
  });

  changingOutboxStoreContract(async () => {
    const outboxStore = await makeStore();
    return {
      outbox: outboxStore,
      create: async () => {
        const { comment, event } = await createComment(outboxStore);
        return { aggregateId: comment.id, events: [event] };
      },
      append: async (aggregateId) => {
        const comment = (await outboxStore.get(aggregateId))!;
        const { moderated, event } = moderation(comment, 'approved');
        await outboxStore.update(moderated, comment.version, event);
        return event;
      },
    };
  });

  it('returns a created comment by id', async () => {
    const { comment } = await createComment(store, { content: 'Hello' });
    expect(await store.get(comment.id)).toEqual({
      id: comment.id,
      postId: comment.postId,
      content: 'Hello',
      status: 'pending',
      version: 0,
    });
  });

  it('returns nothing for an unknown id', async () => {
    expect(await store.get(newId())).toBeUndefined();
  });

  it("lists a post's comments in creation order, a page at a time", async () => {
    const postId = newId();
    const created = [];
    for (const content of ['one', 'two', 'three']) {
      created.push((await createComment(store, { postId, content })).comment);
      await createComment(store, { content: `${content} elsewhere` });
    }
    const apiShape = created.map(({ id, content, status }) => ({ id, content, status }));
    expect(await store.listByPost(postId, { limit: 10 })).toEqual(apiShape);
    const firstPage = await store.listByPost(postId, { limit: 2 });
    expect(firstPage).toEqual(apiShape.slice(0, 2));
    expect(await store.listByPost(postId, { limit: 2, after: firstPage[1]!.id })).toEqual(
      apiShape.slice(2),
    );
  });

  it('lists nothing for a post without comments', async () => {
    expect(await store.listByPost(newId(), { limit: 10 })).toEqual([]);
  });

  it('updates a comment whose version is the expected one, with its event', async () => {
    const { comment } = await createComment(store);
    const { moderated, event } = moderation(comment, 'rejected');
    expect(await store.update(moderated, 0, event)).toBe(true);
    expect(await store.get(comment.id)).toEqual(moderated);
    expect(await store.listByPost(comment.postId, { limit: 10 })).toEqual([
      { id: comment.id, content: comment.content, status: 'rejected' },
    ]);
    const [entry] = await store.pendingOutbox(10);
    expect(entry!.events.map((e) => e.type)).toEqual(['CommentCreated', 'CommentUpdated']);
  });

  it('refuses an update based on a stale version and keeps its event out', async () => {
    const { comment } = await createComment(store);
    const first = moderation(comment, 'approved');
    await store.update(first.moderated, 0, first.event);

    const stale = moderation(comment, 'rejected');
    expect(await store.update(stale.moderated, 0, stale.event)).toBe(false);
    expect(await store.get(comment.id)).toEqual(first.moderated);
    const [entry] = await store.pendingOutbox(10);
    expect(entry!.events.map((e) => e.id)).not.toContain(stale.event.id);
  });

  it('refuses an update of a comment that does not exist', async () => {
    const { moderated, event } = moderation(
      { id: newId(), postId: newId(), content: 'ghost', status: 'pending', version: 0 },
      'approved',
    );
    expect(await store.update(moderated, 0, event)).toBe(false);
    expect(await store.get(moderated.id)).toBeUndefined();
  });

  it('remembers posts, idempotently', async () => {
    const postId = newId();
    expect(await store.knowsPost(postId)).toBe(false);
    await store.rememberPost(postId);
    await store.rememberPost(postId);
    expect(await store.knowsPost(postId)).toBe(true);
    expect(await store.knowsPost(newId())).toBe(false);
  });
}

async function createComment(
  store: CommentStore,
  data: { postId?: string; content?: string } = {},
): Promise<{ comment: StoredComment; event: ReturnType<typeof sampleEvents.commentCreated> }> {
  const event = sampleEvents.commentCreated(data);
  const comment = { ...event.data, version: 0 };
  await store.create(comment, event);
  return { comment, event };
}

function moderation(comment: StoredComment, status: CommentStatus) {
  const moderated = { ...comment, status, version: comment.version + 1 };
  const event = createEvent(
    'CommentUpdated',
    { ...moderated },
    'comments',
    // Unique per status: the stale-update test needs two different events for the same version.
    { id: deterministicId(comment.id, 'CommentUpdated', moderated.version, status) },
  );
  return { moderated, event };
}
