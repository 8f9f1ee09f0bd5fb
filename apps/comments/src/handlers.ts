import { deterministicId, type EventData } from '@blog/contracts';
import { UnprocessableEventError, createEvent, type EventHandlers } from '@blog/messaging';
import type { CommentStore, StoredComment } from './store/comment-store';

/** What comments does with the events the event-bus delivers to it. */
export function commentEventHandlers(
  store: CommentStore,
  onEventStored: () => void,
): EventHandlers {
  return {
    PostCreated: (event) => store.rememberPost(event.data.id),
    CommentModerated: async (event) => {
      if (await applyModeration(store, event.data)) onEventStored();
    },
  };
}

/**
 * Sets the verdict on a pending comment and appends its CommentUpdated event, in one write.
 * A comment is moderated once: a redelivered or second verdict changes nothing. When another
 * delivery changes the comment between our read and our write, the write is refused and we read
 * again; the comment is then no longer pending, so this ends after at most one retry.
 * Resolves with whether it changed the comment.
 */
async function applyModeration(
  store: CommentStore,
  { id, status }: EventData<'CommentModerated'>,
): Promise<boolean> {
  for (;;) {
    const comment = await store.get(id);
    if (!comment) throw new UnprocessableEventError(`Comment ${id} does not exist`);
    if (comment.status !== 'pending') return false;
    const moderated: StoredComment = { ...comment, status, version: comment.version + 1 };
    if (await store.update(moderated, comment.version, commentUpdated(moderated))) return true;
  }
}

function commentUpdated({ id, postId, content, status, version }: StoredComment) {
  return createEvent(
    'CommentUpdated',
    { id, postId, content, status, version },
    'comments',
    // One id per version of the comment: however often this change is derived, the bus stores it once.
    { id: deterministicId(id, 'CommentUpdated', version) },
  );
}
