import { deterministicId } from '@blog/contracts';
import { describeWithMongo, sampleEvents, useTestDatabase } from '@blog/testing';
import { commentEventHandlers } from './handlers';
import type { CommentStore } from './store/comment-store';
import { MemoryCommentStore } from './store/memory-comment-store';
import { MongoCommentStore } from './store/mongo-comment-store';

/**
 * Two deliveries moderating the same comment at the same time (two replicas, or a redelivery
 * overlapping a slow first try): one reads the pending comment, the other changes it before the
 * first writes. The first write must then be refused and re-decided, never applied on top.
 */
function overlappingModerationSuite(makeStore: () => Promise<CommentStore>): void {
  it('applies one of two overlapping verdicts and acknowledges the other', async () => {
    const store = await makeStore();
    const created = sampleEvents.commentCreated({ content: 'Hi' });
    await store.create({ ...created.data, version: 0 }, created);
    const onEventStored = jest.fn();
    const moderate = commentEventHandlers(store, onEventStored).CommentModerated!;
    const { id, postId } = created.data;
    const approve = sampleEvents.commentModerated({
      id,
      postId,
      content: 'Hi',
      status: 'approved',
    });
    const reject = sampleEvents.commentModerated({ id, postId, content: 'Hi', status: 'rejected' });

    const read = store.get.bind(store);
    jest.spyOn(store, 'get').mockImplementationOnce(async (commentId) => {
      const pending = await read(commentId);
      await moderate(reject, { attempt: 1 });
      return pending;
    });
    const update = jest.spyOn(store, 'update');
    await moderate(approve, { attempt: 1 });

    expect(await Promise.all(update.mock.results.map((result) => result.value))).toEqual([
      true,
      false,
    ]);
    expect(await store.get(id)).toEqual({ ...created.data, status: 'rejected', version: 1 });
    const events = (await store.pendingOutbox(10)).flatMap((entry) => entry.events);
    expect(events.filter((event) => event.type === 'CommentUpdated')).toEqual([
      expect.objectContaining({
        id: deterministicId(id, 'CommentUpdated', 1),
        data: { id, postId, content: 'Hi', status: 'rejected', version: 1 },
      }),
    ]);
    expect(onEventStored).toHaveBeenCalledTimes(1);
  });
}

describe('comment event handlers with MemoryCommentStore', () => {
  overlappingModerationSuite(() => Promise.resolve(new MemoryCommentStore()));
});

describeWithMongo('comment event handlers with MongoCommentStore', () => {
  const mongo = useTestDatabase('comments_handlers', (database) => new MongoCommentStore(database));

  overlappingModerationSuite(() => Promise.resolve(new MongoCommentStore(mongo.database)));
});
