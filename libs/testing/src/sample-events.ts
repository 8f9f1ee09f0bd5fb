import { newId, type CommentStatus, type EventOfType } from '@blog/contracts';
import { createEvent } from '@blog/messaging';

/** Valid events with fresh ids, for tests; override what the test is about. */
export const sampleEvents = {
  postCreated(data: Partial<EventOfType<'PostCreated'>['data']> = {}) {
    return createEvent('PostCreated', { id: newId(), title: 'A post', ...data }, 'posts');
  },
  commentCreated(data: Partial<EventOfType<'CommentCreated'>['data']> = {}) {
    return createEvent(
      'CommentCreated',
      { id: newId(), postId: newId(), content: 'A comment', status: 'pending', ...data },
      'comments',
    );
  },
  commentModerated(data: Partial<EventOfType<'CommentModerated'>['data']> = {}) {
    return createEvent(
      'CommentModerated',
      { id: newId(), postId: newId(), content: 'A comment', status: 'approved', ...data },
      'moderation',
    );
  },
  commentUpdated(
    data: Partial<EventOfType<'CommentUpdated'>['data']> & { status?: CommentStatus } = {},
  ) {
    return createEvent(
      'CommentUpdated',
      {
        id: newId(),
        postId: newId(),
        content: 'A comment',
        status: 'approved',
        version: 1,
        ...data,
      },
      'comments',
    );
  },
};
